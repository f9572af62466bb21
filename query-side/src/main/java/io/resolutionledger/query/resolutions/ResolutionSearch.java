package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.resolutions.ResolutionViews.ResolutionView;
import io.resolutionledger.query.resolutions.ResolutionViews.RuleView;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.InvalidParameterException;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Full-text search over the resolutions read model ({@code GET /api/resolutions?q=}), combined with the list's
 * filters. PostgreSQL does the matching with its {@code german} configuration (stems, stop words), so "Verwaltungen"
 * finds "Verwaltung"; the query is read with {@code websearch_to_tsquery}, which takes what people type into a
 * search box ("KI Verordnung", {@code "digitale Teilhabe"} in quotes, {@code -Breitband}) and never fails on syntax.
 * The condition repeats the expression of the GIN index of migration V250 verbatim, so that the index is used.
 * Read-only: the table belongs to {@link ResolutionProjection}; results are newest first, like the unfiltered list.
 */
@Component
@Transactional(readOnly = true)
public class ResolutionSearch {

    /** Longer than any title a person would type, short enough to keep the parser's work small. */
    public static final int MAX_QUERY_LENGTH = 200;

    /** The indexed document and the match condition; tests check that the planner can use the index. */
    static final String DOCUMENT = "to_tsvector('german'::regconfig, title || ' ' || text)";
    static final String QUERY = "websearch_to_tsquery('german'::regconfig, :q)";
    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final NamedParameterJdbcTemplate jdbc;

    public ResolutionSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The search box's text, checked: 1 to {@value #MAX_QUERY_LENGTH} characters, not only blanks. */
    public static String checkedQuery(String q) {
        if (q.isBlank() || q.length() > MAX_QUERY_LENGTH) {
            throw InvalidParameterException.of("q", "must be 1 to " + MAX_QUERY_LENGTH + " characters");
        }
        if (q.chars().anyMatch(c -> c == 0)) {
            throw InvalidParameterException.of("q", "must not contain NUL characters");
        }
        return q.strip();
    }

    public Page<ResolutionView> search(String q, ResolutionQueries.Filter filter, Paging paging, Viewer viewer) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource p = new MapSqlParameterSource("q", checkedQuery(q));
        where.add(DOCUMENT + " @@ " + QUERY);
        if (!viewer.member()) {
            where.add("status = 'PUBLISHED'");
        }
        if (filter.status() != null) {
            where.add("status = :status");
            p.addValue("status", filter.status().name());
        }
        if (filter.sessionId() != null) {
            where.add("session_id = :session");
            p.addValue("session", filter.sessionId());
        }
        if (filter.delegation() != null) {
            where.add("(sponsor = :delegation OR co_sponsors @> ARRAY[CAST(:delegation AS text)])");
            p.addValue("delegation", filter.delegation());
        }
        if (filter.topic() != null) {
            where.add("topics @> ARRAY[CAST(:topic AS text)]");
            p.addValue("topic", filter.topic());
        }
        String condition = " WHERE " + String.join(" AND ", where);
        Long total = jdbc.queryForObject("SELECT count(*) FROM ledger_read.resolution" + condition, p, Long.class);
        p.addValue("limit", paging.size()).addValue("offset", paging.offset());
        List<ResolutionView> items = jdbc.query("""
                SELECT resolution_id, title, text, version, status, sponsor, co_sponsors, session_id, topics,
                       tally_yes, tally_no, tally_abstain, rule, reference, created_at, updated_at
                FROM ledger_read.resolution""" + condition
                + " ORDER BY created_at DESC, resolution_id DESC LIMIT :limit OFFSET :offset", p, ROW);
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    private static final RowMapper<ResolutionView> ROW = (rs, n) -> new ResolutionView(
            rs.getString("resolution_id"), rs.getString("title"), rs.getString("text"), rs.getLong("version"),
            ResolutionStatus.valueOf(rs.getString("status")), rs.getString("sponsor"), strings(rs, "co_sponsors"),
            rs.getString("session_id"), strings(rs, "topics"), tally(rs), RuleView.of(rule(rs)),
            rs.getString("reference"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Tally tally(ResultSet rs) throws SQLException {
        return rs.getObject("tally_yes") == null ? null
                : new Tally(rs.getInt("tally_yes"), rs.getInt("tally_no"), rs.getInt("tally_abstain"));
    }

    private static VotingRule rule(ResultSet rs) throws SQLException {
        String json = rs.getString("rule");
        try {
            return json == null ? null : JSON.readValue(json, VotingRule.class);
        } catch (IOException e) {
            throw new SQLException("unreadable rule " + json, e);
        }
    }
}

package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.mandates.MandateQueries;
import io.resolutionledger.query.mandates.MandateView;
import io.resolutionledger.query.resolutions.ResolutionViews.*;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the resolutions read model. Anonymous viewers see published resolutions only; to them any other resolution
 * does not exist (404, not 403: its existence is not public either).
 */
@Component
@Transactional(readOnly = true)
public class ResolutionQueries {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final MandateQueries mandates;

    public ResolutionQueries(NamedParameterJdbcTemplate jdbc, MandateQueries mandates) {
        this.jdbc = jdbc;
        this.mandates = mandates;
    }

    /** Filters of the list; null means "any". */
    public record Filter(ResolutionStatus status, String sessionId, String delegation, String topic) {
    }

    public Page<ResolutionView> find(Filter filter, Paging paging, Viewer viewer) {
        return find(filter, paging, viewer, null, new MapSqlParameterSource());
    }

    /**
     * The list with one condition more (the full-text search's, {@link ResolutionSearch}), whose parameters are in
     * {@code p}: the same visibility, filters, order, paging and rows as the plain list.
     */
    Page<ResolutionView> find(Filter filter, Paging paging, Viewer viewer, String condition, MapSqlParameterSource p) {
        List<String> where = new ArrayList<>();
        if (condition != null) {
            where.add(condition);
        }
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
        String all = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Long total = jdbc.queryForObject("SELECT count(*) FROM ledger_read.resolution" + all, p, Long.class);
        p.addValue("limit", paging.size()).addValue("offset", paging.offset());
        // newest first; the id breaks ties between resolutions proposed in the same instant
        List<ResolutionView> items = jdbc.query("SELECT * FROM ledger_read.resolution" + all
                + " ORDER BY created_at DESC, resolution_id DESC LIMIT :limit OFFSET :offset", p, RESOLUTION);
        return new Page<>(withMandates(items), paging.page(), paging.size(), total == null ? 0 : total);
    }

    public ResolutionView get(String id, Viewer viewer) {
        return withMandates(List.of(visible(id, viewer))).get(0);
    }

    /** A resolution as it stands and the languages its version is translated into (sorted). */
    public record Current(ResolutionView view, List<String> languages) {
    }

    /**
     * {@link #get} with the languages of its version, in one statement: the row, its version's languages and
     * whether it has mandates, which are read (one statement more) only then. No transaction: at PostgreSQL's
     * READ COMMITTED each statement sees its own snapshot anyway, so one around them bought only a BEGIN and a
     * COMMIT. The most frequent read of the API (a client following a resolution), so its round trips are its time.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Current current(String id, Viewer viewer) {
        List<CurrentRow> found = jdbc.query(CURRENT, new MapSqlParameterSource("id", id), (rs, n) ->
                new CurrentRow(RESOLUTION.mapRow(rs, n), strings(rs, "languages"), rs.getBoolean("has_mandates")));
        CurrentRow row = shown(id, found.isEmpty() ? null : found.get(0), CurrentRow::view, viewer);
        ResolutionView view = row.hasMandates() ? withMandates(List.of(row.view())).get(0)
                : row.view().withMandates(List.of());
        return new Current(view, row.languages());
    }

    private record CurrentRow(ResolutionView view, List<String> languages, boolean hasMandates) {
    }

    private static final String CURRENT = """
            SELECT r.*,
                   ARRAY(SELECT t.language FROM ledger_read.resolution_translation t
                         WHERE t.resolution_id = r.resolution_id AND t.version = r.version
                         ORDER BY t.language) AS languages,
                   EXISTS (SELECT 1 FROM ledger_read.mandate m WHERE m.resolution_id = r.resolution_id) AS has_mandates
            FROM ledger_read.resolution r WHERE r.resolution_id = :id
            """;

    /** Each resolution with its mandates (one query for the whole page). */
    private List<ResolutionView> withMandates(List<ResolutionView> views) {
        java.util.Map<String, List<MandateView>> given = mandates.ofResolutions(
                views.stream().map(ResolutionView::resolutionId).toList());
        return views.stream().map(v -> v.withMandates(given.getOrDefault(v.resolutionId(), List.of()))).toList();
    }

    public Page<VersionView> versions(String id, Paging paging, Viewer viewer) {
        visible(id, viewer);
        MapSqlParameterSource p = new MapSqlParameterSource("id", id)
                .addValue("limit", paging.size()).addValue("offset", paging.offset());
        Long total = jdbc.queryForObject(
                "SELECT count(*) FROM ledger_read.resolution_version WHERE resolution_id = :id", p, Long.class);
        List<VersionView> items = jdbc.query("""
                SELECT * FROM ledger_read.resolution_version WHERE resolution_id = :id
                ORDER BY version LIMIT :limit OFFSET :offset
                """, p, VERSION);
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    public VersionView version(String id, long version, Viewer viewer) {
        visible(id, viewer);
        return findVersion(id, version).orElseThrow(() -> new LedgerRefusedException(ErrorCode.NOT_FOUND,
                "resolution " + id + " has no version " + version));
    }

    public DiffView diff(String id, long version, Long against, Viewer viewer) {
        VersionView to = version(id, version, viewer);
        long base = against == null ? Math.max(1, version - 1) : against;
        VersionView from = findVersion(id, base).orElseThrow(() -> new LedgerRefusedException(ErrorCode.NOT_FOUND,
                "resolution " + id + " has no version " + base));
        List<WordDiff.Edit> edits = WordDiff.diff(from.text(), to.text());
        return new DiffView(id, base, version, edits, WordDiff.unified(edits));
    }

    public List<TabledAmendmentView> tabledAmendments(String id, Viewer viewer) {
        visible(id, viewer);
        return jdbc.query("""
                SELECT * FROM ledger_read.tabled_amendment WHERE resolution_id = :id
                ORDER BY tabled_at, amendment_id
                """, new MapSqlParameterSource("id", id), (rs, n) -> new TabledAmendmentView(
                rs.getString("amendment_id"), rs.getLong("base_version"), rs.getString("title"),
                rs.getString("text"), rs.getString("reason"), rs.getString("tabled_by"), rs.getString("state"),
                (Long) rs.getObject("accepted_version"), rs.getString("decline_reason"),
                instant(rs, "tabled_at"), instant(rs, "decided_at")));
    }

    public List<VoteView> votes(String id, Viewer viewer) {
        visible(id, viewer);
        return jdbc.query("""
                SELECT * FROM ledger_read.resolution_vote WHERE resolution_id = :id ORDER BY version, delegation
                """, new MapSqlParameterSource("id", id), (rs, n) -> new VoteView(rs.getLong("version"),
                rs.getString("delegation"), rs.getString("choice"), instant(rs, "cast_at")));
    }

    private ResolutionView visible(String id, Viewer viewer) {
        List<ResolutionView> found = jdbc.query("SELECT * FROM ledger_read.resolution WHERE resolution_id = :id",
                new MapSqlParameterSource("id", id), RESOLUTION);
        return shown(id, found.isEmpty() ? null : found.get(0), v -> v, viewer);
    }

    /** {@code found} if the viewer may see it; else (also when there is none) the 404 of an unknown resolution. */
    private static <T> T shown(String id, T found, java.util.function.Function<T, ResolutionView> view,
                               Viewer viewer) {
        if (found == null || (!viewer.member() && view.apply(found).status() != ResolutionStatus.PUBLISHED)) {
            throw new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND, "no resolution " + id);
        }
        return found;
    }

    private Optional<VersionView> findVersion(String id, long version) {
        return jdbc.query("SELECT * FROM ledger_read.resolution_version WHERE resolution_id = :id AND version = :v",
                new MapSqlParameterSource("id", id).addValue("v", version), VERSION).stream().findFirst();
    }

    private static final RowMapper<ResolutionView> RESOLUTION = (rs, n) -> new ResolutionView(
            rs.getString("resolution_id"), rs.getString("title"), rs.getString("text"), rs.getLong("version"),
            ResolutionStatus.valueOf(rs.getString("status")), rs.getString("sponsor"), strings(rs, "co_sponsors"),
            rs.getString("session_id"), strings(rs, "topics"), tally(rs), RuleView.of(rule(rs)),
            rs.getString("reference"), instant(rs, "created_at"), instant(rs, "updated_at"),
            rs.getString("procedure"), instant(rs, "deadline"), rs.getString("decided_by"), strings(rs, "addressees"),
            strings(rs, "partners"), null);

    private static final RowMapper<VersionView> VERSION = (rs, n) -> new VersionView(rs.getString("resolution_id"),
            rs.getLong("version"), rs.getString("title"), rs.getString("text"), rs.getString("reason"),
            rs.getString("author"), rs.getString("origin"), rs.getString("amendment_id"), instant(rs, "created_at"));

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static Tally tally(ResultSet rs) throws SQLException {
        Object yes = rs.getObject("tally_yes");
        return yes == null ? null : new Tally(rs.getInt("tally_yes"), rs.getInt("tally_no"), rs.getInt("tally_abstain"));
    }

    private static VotingRule rule(ResultSet rs) throws SQLException {
        String json = rs.getString("rule");
        try {
            return json == null ? null : JSON.readValue(json, VotingRule.class);
        } catch (java.io.IOException e) {
            throw new SQLException("unreadable rule " + json, e);
        }
    }
}

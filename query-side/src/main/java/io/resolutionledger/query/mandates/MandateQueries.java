package io.resolutionledger.query.mandates;

import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.Page;
import io.resolutionledger.query.web.Paging;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the mandates. Anonymous viewers see the mandates of published resolutions only (the others' existence is
 * not public). A mandate is overdue once its day has passed in the conference's zone and it is not done.
 */
@Component
@Transactional(readOnly = true)
public class MandateQueries {

    /** What anonymous viewers may see: mandates of published resolutions. */
    private static final String PUBLISHED = "EXISTS (SELECT 1 FROM ledger_read.resolution r"
            + " WHERE r.resolution_id = m.resolution_id AND r.status = 'PUBLISHED')";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public MandateQueries(NamedParameterJdbcTemplate jdbc,
                          @Value("${ledger.publication.zone:Europe/Berlin}") ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = Clock.system(zone);
    }

    /** @param owner a delegation code, or null for any; {@code overdue}: only those past their day and not done */
    public Page<MandateView> find(String owner, boolean overdue, Paging paging, Viewer viewer) {
        LocalDate today = LocalDate.now(clock);
        List<String> where = new ArrayList<>();
        MapSqlParameterSource p = new MapSqlParameterSource("today", Date.valueOf(today));
        if (!viewer.member()) {
            where.add(PUBLISHED);
        }
        if (owner != null) {
            where.add("m.owner = :owner");
            p.addValue("owner", owner);
        }
        if (overdue) {
            where.add("m.status <> 'DONE' AND m.due < :today");
        }
        String all = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        Long total = jdbc.queryForObject("SELECT count(*) FROM ledger_read.mandate m" + all, p, Long.class);
        p.addValue("limit", paging.size()).addValue("offset", paging.offset());
        List<MandateView> items = jdbc.query("SELECT m.* FROM ledger_read.mandate m" + all
                + " ORDER BY m.due, m.mandate_id LIMIT :limit OFFSET :offset", p, mapper(today));
        return new Page<>(items, paging.page(), paging.size(), total == null ? 0 : total);
    }

    /** The mandates of these resolutions (whose visibility the caller has checked), by resolution, due first. */
    public Map<String, List<MandateView>> ofResolutions(Collection<String> resolutionIds) {
        Map<String, List<MandateView>> byResolution = new LinkedHashMap<>();
        if (resolutionIds.isEmpty()) {
            return byResolution;
        }
        LocalDate today = LocalDate.now(clock);
        jdbc.query("SELECT m.* FROM ledger_read.mandate m WHERE m.resolution_id IN (:ids) ORDER BY m.due, m.mandate_id",
                new MapSqlParameterSource("ids", resolutionIds), mapper(today)).forEach(m ->
                byResolution.computeIfAbsent(m.resolutionId(), k -> new ArrayList<>()).add(m));
        return byResolution;
    }

    private static RowMapper<MandateView> mapper(LocalDate today) {
        return (rs, n) -> {
            LocalDate due = rs.getDate("due").toLocalDate();
            String status = rs.getString("status");
            return new MandateView(rs.getString("mandate_id"), rs.getString("resolution_id"), rs.getString("task"),
                    rs.getString("owner"), due, status, rs.getString("note"),
                    !"DONE".equals(status) && due.isBefore(today), instant(rs, "given_at"),
                    instant(rs, "updated_at"));
        };
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

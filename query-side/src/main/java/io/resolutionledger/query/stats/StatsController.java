package io.resolutionledger.query.stats;

import io.resolutionledger.query.security.Viewer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures for dashboards: resolutions counted by status, by topic and by delegation (sponsored, co-sponsored).
 * Members of the conference count every resolution; anonymous readers only the published ones, so that no figure
 * reveals a proposal (its topic, its sponsor, that it exists) before the conference publishes it.
 */
@RestController
@Transactional(readOnly = true)
public class StatsController {

    /** The most recent days with a change that the timeline answers with. */
    static final int TIMELINE_DAYS = 200;
    private static final String TIMELINE = """
            WITH t AS (
                SELECT s.resolution_id, s.sequence, s.status, (s.at AT TIME ZONE ?)::date AS day
                FROM ledger_read.stats_transition s %s
            ), days AS (
                SELECT DISTINCT day FROM t WHERE day BETWEEN ? AND ? ORDER BY day DESC LIMIT ?
            )
            SELECT d.day, x.status, count(*) AS n
            FROM days d CROSS JOIN LATERAL (
                SELECT DISTINCT ON (t.resolution_id) t.status FROM t WHERE t.day <= d.day
                ORDER BY t.resolution_id, t.sequence DESC
            ) x
            GROUP BY d.day, x.status ORDER BY d.day
            """;

    private final JdbcTemplate jdbc;
    private final java.time.ZoneId zone;

    public StatsController(JdbcTemplate jdbc,
                           @org.springframework.beans.factory.annotation.Value("${ledger.publication.zone:Europe/Berlin}")
                           java.time.ZoneId zone) {
        this.jdbc = jdbc;
        this.zone = zone;
    }

    /** How many resolutions stood in each state at the end of a day (in the conference's time zone). */
    public record Day(java.time.LocalDate date, Map<String, Long> byStatus) {
    }

    public record Timeline(String zone, java.util.List<Day> days) {
    }

    /**
     * Resolutions per state over time: for each day on which some resolution changed its state (the most recent
     * {@value #TIMELINE_DAYS}), how many stood in each state at its end, counted from the state changes at their
     * business time, optionally only days {@code from}..{@code to}. Anonymous readers count published resolutions only
     * (their whole way there is public).
     */
    @GetMapping("/api/stats/timeline")
    public Timeline timeline(@org.springframework.web.bind.annotation.RequestParam(required = false)
                             @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                             java.time.LocalDate from,
                             @org.springframework.web.bind.annotation.RequestParam(required = false)
                             @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE)
                             java.time.LocalDate to,
                             Authentication authentication) {
        java.time.LocalDate first = from == null ? java.time.LocalDate.of(1, 1, 1) : from;
        java.time.LocalDate last = to == null ? java.time.LocalDate.of(9999, 12, 31) : to;
        if (first.isAfter(last)) {
            throw io.resolutionledger.query.web.InvalidParameterException.of("from", "must not be after to");
        }
        String visible = Viewer.of(authentication).member() ? ""
                : "JOIN ledger_read.stats_resolution r ON r.resolution_id = s.resolution_id AND r.status = 'PUBLISHED'";
        Map<java.time.LocalDate, Map<String, Long>> days = new java.util.TreeMap<>();
        jdbc.query(TIMELINE.formatted(visible), rs -> {
            Map<String, Long> counts = days.computeIfAbsent(rs.getObject("day", java.time.LocalDate.class), d -> {
                Map<String, Long> zero = new LinkedHashMap<>();
                for (io.resolutionledger.api.value.ResolutionStatus s : io.resolutionledger.api.value.ResolutionStatus.values()) {
                    zero.put(s.name(), 0L);
                }
                return zero;
            });
            counts.put(rs.getString("status"), rs.getLong("n"));
        }, zone.getId(), first, last, TIMELINE_DAYS);
        return new Timeline(zone.getId(), days.entrySet().stream().map(e -> new Day(e.getKey(), e.getValue())).toList());
    }

    public record DelegationCounts(long sponsored, long coSponsored) {
    }

    public record Stats(long total, Map<String, Long> byStatus, Map<String, Long> byTopic,
                        Map<String, DelegationCounts> byDelegation) {
    }

    @GetMapping("/api/stats")
    public Stats stats(Authentication authentication) {
        String from = Viewer.of(authentication).member() ? "ledger_read.stats_resolution"
                : "(SELECT * FROM ledger_read.stats_resolution WHERE status = 'PUBLISHED') AS published";
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (io.resolutionledger.api.value.ResolutionStatus s : io.resolutionledger.api.value.ResolutionStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        jdbc.query("SELECT status, count(*) AS n FROM " + from + " GROUP BY status",
                rs -> { byStatus.put(rs.getString("status"), rs.getLong("n")); });
        Map<String, Long> byTopic = new TreeMap<>();
        jdbc.query("SELECT t AS topic, count(*) AS n FROM " + from + ", unnest(topics) AS t GROUP BY t",
                rs -> { byTopic.put(rs.getString("topic"), rs.getLong("n")); });
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.query("SELECT sponsor, count(*) AS n FROM " + from + " GROUP BY sponsor",
                rs -> { counts.computeIfAbsent(rs.getString("sponsor"), k -> new long[2])[0] = rs.getLong("n"); });
        jdbc.query("SELECT d, count(*) AS n FROM " + from + ", unnest(co_sponsors) AS d GROUP BY d",
                rs -> { counts.computeIfAbsent(rs.getString("d"), k -> new long[2])[1] = rs.getLong("n"); });
        Map<String, DelegationCounts> byDelegation = new TreeMap<>();
        counts.forEach((k, v) -> byDelegation.put(k, new DelegationCounts(v[0], v[1])));
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new Stats(total, byStatus, byTopic, byDelegation);
    }
}

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

    private final JdbcTemplate jdbc;

    public StatsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

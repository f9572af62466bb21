package io.resolutionledger.query.auditing;

import io.resolutionledger.api.limits.TokenBuckets;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The access log is bounded: anonymous requests to audited paths are written only within a per-address budget (an
 * anonymous flood cannot fill it), authenticated uses always; entries older than the retention are deleted.
 */
class AccessLogLimitsTest extends QuerySideTest {

    @Autowired
    private AccessLogFilter filter;
    @Autowired
    private AccessLogRetention retention;

    private long logged(String marker) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_read.audit_access_log WHERE query LIKE ?",
                Long.class, "%" + marker + "%");
    }

    @Test
    void anonymous_requests_beyond_the_per_address_budget_are_not_written_authenticated_ones_are() {
        TokenBuckets budget = filter.anonymousBudget();
        TokenBuckets.Limits before = budget.limits();
        budget.setLimits(new TokenBuckets.Limits(1.0 / 3600, 3));
        budget.clear();
        String marker = unique("flood");
        try {
            long unloggedBefore = filter.unloggedAnonymous();
            for (int i = 0; i < 10; i++) {
                assertThat(http().get("/api/audit/events?limit=1&probe=" + marker).status()).isEqualTo(401);
            }
            // the entry is written once the answer has gone out: a client may read it before the filter is done
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(filter.unloggedAnonymous() - unloggedBefore).isEqualTo(7));
            assertThat(logged(marker)).as("the budget of three, then nothing").isEqualTo(3);
            for (int i = 0; i < 5; i++) {
                assertThat(http().get("/api/audit/events?limit=1&probe=" + marker, Tokens.auditor()).status())
                        .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(logged(marker)).as("every authenticated use").isEqualTo(8));
            assertThat(filter.unloggedAnonymous() - unloggedBefore).as("none of them left out").isEqualTo(7);
        } finally {
            budget.setLimits(before);
            budget.clear();
        }
    }

    @Test
    void entries_older_than_the_retention_are_deleted_and_newer_ones_kept() {
        String marker = unique("old");
        String insert = "INSERT INTO ledger_read.audit_access_log (at, method, path, query, status) "
                + "VALUES (?, 'GET', '/api/audit/events', ?, 200)";
        jdbc.update(insert, Timestamp.from(Instant.now().minus(Duration.ofDays(400))), "old=" + marker);
        jdbc.update(insert, Timestamp.from(Instant.now().minus(Duration.ofDays(10))), "recent=" + marker);
        assertThat(retention.sweep()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_read.audit_access_log WHERE query = ?",
                Long.class, "old=" + marker)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_read.audit_access_log WHERE query = ?",
                Long.class, "recent=" + marker)).isEqualTo(1);
    }
}

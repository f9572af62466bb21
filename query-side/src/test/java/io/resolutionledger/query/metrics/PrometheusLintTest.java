package io.resolutionledger.query.metrics;

import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.testkit.PrometheusLint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrape, with the projections running, passes promtool's lint: snake_case names and labels, HELP on
 * every metric. The rules are checked by the testkit's reimplementation always, and by promtool itself where it is
 * installed (skipped, saying so, where it is not).
 */
class PrometheusLintTest extends QuerySideTest {

    private String scrape() {
        // events through the projections, so that Axon's processor meters are in the scrape
        String session = io.resolutionledger.query.support.LedgerEvents.unique("s");
        ledger().schedule(session, 1, java.time.LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE").append();
        awaitProjectionsCaughtUp();
        var r = http().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/actuator/prometheus")).header("Accept", "text/plain")
                .header("Authorization", "Bearer " + io.resolutionledger.query.support.Tokens.admin()) // admin-only on the API port
                .GET().build());
        assertThat(r.status()).isEqualTo(200);
        return r.raw().body();
    }

    @Test
    void theScrapeFollowsPrometheusNamingAndHasHelpOnEveryMetric() {
        String scrape = scrape();
        assertThat(scrape).doesNotContain("eventProcessor", "processorName", "payloadType");
        // each processor's meters (config.ProcessorMetrics), under Axon's names
        assertThat(scrape).contains("axon_event_processor_processed_total{application=\"resolution-ledger-query-side\",processor_name=\"read-models-a\"}",
                "axon_event_processor_latency{", "axon_event_processor_all_timer_seconds_count{");
        assertThat(PrometheusLint.problems(scrape)).isEmpty();
    }

    @Test
    void promtoolFindsNothing() {
        String scrape = scrape();
        Optional<String> verdict = PrometheusLint.promtool(scrape);
        Assumptions.assumeTrue(verdict.isPresent(), "promtool is not installed (Debian package prometheus)");
        assertThat(verdict.get()).as("promtool check metrics").isEmpty();
    }
}

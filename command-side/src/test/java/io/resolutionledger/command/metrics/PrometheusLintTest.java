package io.resolutionledger.command.metrics;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import io.resolutionledger.testkit.PrometheusLint;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scrape, after commands have created Axon's meters, passes promtool's lint: snake_case names and labels, HELP on
 * every metric. The rules are checked by the testkit's reimplementation always, and by promtool itself where it is
 * installed (skipped, saying so, where it is not).
 */
class PrometheusLintTest extends CommandHttpTestSupport {

    private String scrape() {
        propose(session(true));
        Response r = send(request("/actuator/prometheus")
                .header("Authorization", "Bearer " + TestTokens.admin()).GET().build()); // admin-only on the API port
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.raw();
    }

    @Test
    void theScrapeFollowsPrometheusNamingAndHasHelpOnEveryMetric() {
        String scrape = scrape();
        assertThat(scrape).doesNotContain("commandBus", "payloadType", "processorName");
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

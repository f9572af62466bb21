package io.resolutionledger.testkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reimplemented promlint rules find what promtool finds on the shapes Micrometer and Axon produce. */
class PrometheusLintTest {

    @Test
    void aCleanScrapeHasNoProblems() {
        assertThat(PrometheusLint.problems("""
                # HELP ledger_votes_cast_total Votes cast
                # TYPE ledger_votes_cast_total counter
                ledger_votes_cast_total{delegation="DE-BY",choice="YES"} 3.0
                # HELP http_server_requests_seconds HTTP requests
                # TYPE http_server_requests_seconds summary
                http_server_requests_seconds_count{method="GET"} 1
                http_server_requests_seconds_sum{method="GET"} 0.1
                """)).isEmpty();
    }

    @Test
    void camelCaseMissingHelpTypeInNameAndNonBaseUnitsAreFound() {
        assertThat(PrometheusLint.problems("""
                # HELP eventProcessor_allTimer_seconds_max
                # TYPE eventProcessor_allTimer_seconds_max gauge
                eventProcessor_allTimer_seconds_max{processorName="resolutions"} 0.5
                # HELP commandBus_successCounter_total Successes
                # TYPE commandBus_successCounter_total counter
                commandBus_successCounter_total 1
                # HELP a_success_counter_total Successes
                # TYPE a_success_counter_total counter
                a_success_counter_total 1
                # HELP jvm_compilation_time_ms_total Compilation
                # TYPE jvm_compilation_time_ms_total counter
                jvm_compilation_time_ms_total 1
                # HELP system_cpu_count CPUs
                # TYPE system_cpu_count gauge
                system_cpu_count 2
                """)).containsExactlyInAnyOrder(
                "eventProcessor_allTimer_seconds_max: no help text",
                "eventProcessor_allTimer_seconds_max: metric names should be written in 'snake_case' not 'camelCase'",
                "eventProcessor_allTimer_seconds_max: label processorName: label names should be written in "
                        + "'snake_case' not 'camelCase'",
                "commandBus_successCounter_total: metric names should be written in 'snake_case' not 'camelCase'",
                "a_success_counter_total: metric name should not include type 'counter'",
                "jvm_compilation_time_ms_total: metric names should not contain abbreviated units",
                "system_cpu_count: non-histogram and non-summary metrics should not have \"_count\" suffix");
    }
}

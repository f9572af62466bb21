package io.resolutionledger.command.metrics;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scrapes {@code /actuator/prometheus} (on the API port it needs the admin role; compose scrapes an unpublished
 * management port) and parses the text format: the business counters rise when commands are sent over HTTP, no
 * counter tells how a delegation voted, Axon's command handling timers and Spring's HTTP metrics are there.
 */
class PrometheusEndpointTest extends CommandHttpTestSupport {

    /** One sample of the Prometheus text format: {@code name{label="value",…} value}. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    List<Sample> scrape() {
        Response r = send(request("/actuator/prometheus").header("Authorization", "Bearer " + TestTokens.admin())
                .GET().build());
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        List<Sample> samples = new ArrayList<>();
        for (String line : r.raw().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a sample line: " + line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return samples;
    }

    /** The sum of a metric over the samples whose labels include {@code labels} (name, value, name, value…). */
    double value(String name, String... labels) {
        return scrape().stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).mapToDouble(Sample::value).sum();
    }

    void awaitAtLeast(double expected, String name, String... labels) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(name, labels)).as(name + " " + String.join(",", labels)).isGreaterThanOrEqualTo(expected));
    }

    @Test
    void proposingAResolutionRaisesTheCounterOfItsSponsor() {
        String session = session(false);
        double before = value("ledger_resolutions_proposed_total", "delegation", SPONSOR);

        propose(session);

        awaitAtLeast(before + 1, "ledger_resolutions_proposed_total", "delegation", SPONSOR,
                "application", "resolution-ledger-command-side");
    }

    @Test
    void votesRejectionsAndRefusalsAreCounted() {
        String resolution = inVoting();
        double votes = value("ledger_votes_cast_total");
        double rejected = value("ledger_resolutions_rejected_total");
        double alreadyVoted = value("ledger_commands_refused_total", "code", "ALREADY_VOTED");

        vote(resolution, "DE-TH", "NO");
        Response again = post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-TH"),
                json(Map.of("choice", "YES")));
        assertThat(again.code()).isEqualTo("ALREADY_VOTED");
        Response r = post("/api/resolutions/" + resolution + "/rejection", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "keine Mehrheit")));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);

        awaitAtLeast(votes + 1, "ledger_votes_cast_total");
        assertThat(scrape()).filteredOn(s -> s.name().startsWith("ledger_votes"))
                .as("no series names a delegation or a choice").allSatisfy(s ->
                        assertThat(s.labels()).doesNotContainKeys("delegation", "choice"));
        awaitAtLeast(rejected + 1, "ledger_resolutions_rejected_total");
        awaitAtLeast(alreadyVoted + 1, "ledger_commands_refused_total", "code", "ALREADY_VOTED");
        assertThat(scrape()).anySatisfy(s -> assertThat(s.name()).isEqualTo("ledger_resolutions_adopted_total"));
    }

    @Test
    void metricsAreNotForAnonymousCallersNorDelegatesButHealthIs() {
        Response anonymous = send(request("/actuator/prometheus").GET().build());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        Response delegate = send(request("/actuator/prometheus").header("Authorization", "Bearer "
                + TestTokens.delegate("DE-TH")).GET().build());
        assertThat(delegate.status()).isEqualTo(403);
        assertThat(send(request("/actuator/metrics").GET().build()).status()).isEqualTo(401);
        assertThat(send(request("/actuator/health/readiness").GET().build()).status()).isEqualTo(200);
    }

    @Test
    void axonCommandTimersAndHttpMetricsAreExposed() {
        propose(session(false));

        List<Sample> samples = scrape();
        assertThat(samples).as("Axon's dimensional command bus timer, per command")
                .anySatisfy(s -> {
                    assertThat(s.name()).isEqualTo("axon_command_bus_success_timer_seconds_count");
                    assertThat(s.labels()).containsEntry("payload_type", "ProposeResolution");
                });
        assertThat(samples).as("Spring MVC's request timer")
                .anySatisfy(s -> {
                    assertThat(s.name()).isEqualTo("http_server_requests_seconds_count");
                    assertThat(s.labels()).containsEntry("uri", "/api/resolutions").containsEntry("status", "201");
                });
    }
}

package io.resolutionledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.SwitchHold;
import io.resolutionledger.query.support.Tokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-side instances on one database: a rebuild asked of one is the other's too. Both report it from the
 * database, the other refuses a second one, joins the rebuilt generation's processor, and after the switch both serve
 * the new generation and have retired the old generation's processor.
 */
class TwoInstancesRebuildTest extends QuerySideTest {

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void a_rebuild_asked_of_one_instance_is_reported_refused_again_and_finished_by_both() throws Exception {
        second = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--server.shutdown=immediate",
                "--spring.datasource.url=" + DATABASE.url(),
                "--spring.datasource.username=" + DATABASE.user(),
                "--spring.datasource.password=" + DATABASE.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=resolution-ledger-dev",
                "--server.address=127.0.0.1", "--ledger.stream.limits.per-address=1000",
                "--ledger.log.signing-key=" + SIGNING_KEY, "--ledger.log.origin=ledger.test/dmk",
                "--ledger.log.gap-grace=60s", "--ledger.log.checkpoint-interval=1h",
                "--ledger.projections.poll-interval=1s", "--ledger.projections.token-claim-interval=500ms",
                "--axon.axonserver.enabled=false");
        Http other = new Http("http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
        String session = LedgerEvents.unique("s");
        LedgerEvents ledger = ledger().schedule(session, 4, LocalDate.of(2025, 4, 3), "Mainz", "DE-RP");
        for (int i = 0; i < 20; i++) {
            ledger.published(LedgerEvents.unique("r"), session, "Two instances " + i, List.of("t"), "DE-RP", "DE-RP");
        }
        ledger.append();
        awaitProjectionsCaughtUp();
        Generation live = generations.refresh().active();

        String startedAt;
        // the switch held back while the other instance is asked: a rebuild of a few dozen events could otherwise have
        // switched already, and the other instance would rightly start the next one
        try (SwitchHold held = new SwitchHold(jdbc.getDataSource())) {
            Http.Response started = post(http(), "/api/admin/projections/read-models/rebuild");
            assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
            startedAt = started.body().at("/rebuild/startedAt").asText();
            Http.Response refused = post(other, "/api/admin/projections/read-models/rebuild");
            // the other instance knows of it from the database: the same rebuild, and no second one
            assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
            assertThat(refused.body().get("code").asText()).isEqualTo("INVALID_STATE_TRANSITION");
            JsonNode seen = projection(other);
            assertThat(seen.at("/rebuild/state").asText()).isEqualTo("REBUILDING");
            assertThat(seen.at("/rebuild/startedAt").asText()).isEqualTo(startedAt);
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (Http instance : List.of(http(), other)) {
                JsonNode p = projection(instance);
                assertThat(p.at("/rebuild/startedAt").asText()).isEqualTo(startedAt);
                assertThat(p.at("/rebuild/state").asText()).isEqualTo("DONE");
                assertThat(p.get("generation").asText()).isEqualTo(live.other().suffix());
            }
        });
        JsonNode finished = projection(other);
        assertThat(finished.at("/rebuild/match").asBoolean()).as(finished.toString()).isTrue();
        // both instances run the new generation's processor and have retired the old one's
        EventProcessingConfiguration peer = second.getBean(EventProcessingConfiguration.class);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (EventProcessingConfiguration instance : List.of(processing, peer)) {
                assertThat(instance.eventProcessor(live.other().processor(), StreamingEventProcessor.class)
                        .orElseThrow().isRunning()).isTrue();
                assertThat(instance.eventProcessor(live.processor(), StreamingEventProcessor.class)
                        .orElseThrow().isRunning()).isFalse();
            }
        });
    }

    private static JsonNode projection(Http instance) {
        Http.Response r = instance.get("/api/admin/projections/" + Projections.READ_MODELS, Tokens.admin());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    private static Http.Response post(Http instance, String path) {
        return instance.send(HttpRequest.newBuilder(URI.create(instance.base() + path))
                .header("Authorization", "Bearer " + Tokens.admin()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}

package io.resolutionledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event met by a rebuild goes to the rebuilt generation's dead letters; the live model keeps serving it
 * untouched, the switch waits, and once the letter is retried the rebuild switches with every table matching.
 */
class RebuildDeadLetterTest extends QuerySideTest {

    @AfterEach
    void disarm() {
        RebuildPoison.ARMED.set(false);
    }

    @Test
    void a_poison_event_during_a_rebuild_is_parked_in_the_rebuilt_generation_and_the_live_model_is_untouched() {
        String session = LedgerEvents.unique("s");
        String poison = LedgerEvents.unique("r-poison");
        ledger().schedule(session, 2, LocalDate.of(2024, 10, 24), "Berlin", "DE-BE")
                .propose(poison, session, RebuildPoison.MARKER + " title", "text", List.of("t"), "DE-BY")
                .append();
        awaitProjectionsCaughtUp();
        Generation live = generations.refresh().active();
        String building = live.other().processor();

        RebuildPoison.ARMED.set(true);
        assertThat(post("/api/admin/projections/read-models/rebuild").status()).isEqualTo(202);
        // the rebuild replays up to the live position but parks the poison event (and its aggregate's later ones)
        JsonNode waiting = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> projection().get("rebuild"),
                        r -> r.get("deadLetters").asLong() > 0 && r.get("progress").asDouble() == 1.0);
        assertThat(waiting.get("note").asText()).contains("dead letters");
        // ... and does not switch while its generation lacks an event
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> projection().at("/rebuild/state").asText().equals("REBUILDING"));
        assertThat(generations.refresh().active()).isEqualTo(live);
        assertThat(letters(building)).contains(poison);
        assertThat(letters(live.processor())).doesNotContain(poison);
        // the live model has the resolution as before
        assertThat(http().get("/api/resolutions/" + poison, Tokens.delegate("DE-BY")).status()).isEqualTo(200);

        RebuildPoison.ARMED.set(false);
        assertThat(post("/api/admin/dead-letters/" + building + "/retry").status()).isEqualTo(200);
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(this::projection, p -> p.at("/rebuild/state").asText().equals("DONE"));
        assertThat(done.get("generation").asText()).isEqualTo(live.other().suffix());
        assertThat(done.at("/rebuild/match").asBoolean()).as(done.toString()).isTrue();
        assertThat(http().get("/api/resolutions/" + poison, Tokens.delegate("DE-BY")).status()).isEqualTo(200);
    }

    @Test
    void a_running_rebuild_can_be_given_up_and_the_live_generation_stays() {
        String session = LedgerEvents.unique("s");
        String poison = LedgerEvents.unique("r-poison");
        ledger().schedule(session, 3, LocalDate.of(2024, 10, 24), "Berlin", "DE-BE")
                .propose(poison, session, RebuildPoison.MARKER + " kept back", "text", List.of("t"), "DE-BY")
                .append();
        awaitProjectionsCaughtUp();
        Generation live = generations.refresh().active();
        RebuildPoison.ARMED.set(true);
        assertThat(post("/api/admin/projections/read-models/rebuild").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> projection().at("/rebuild/deadLetters").asLong() > 0);

        Http.Response cancelled = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/admin/projections/read-models/rebuild"))
                .header("Authorization", "Bearer " + Tokens.admin()).DELETE().build());
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(cancelled.body().at("/rebuild/state").asText()).isEqualTo("CANCELLED");
        assertThat(generations.refresh().active()).isEqualTo(live);
        assertThat(generations.state().building()).isNull();
        // nothing to give up any more
        Http.Response again = http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/admin/projections/read-models/rebuild"))
                .header("Authorization", "Bearer " + Tokens.admin()).DELETE().build());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("code").asText()).isEqualTo("INVALID_STATE_TRANSITION");
    }

    private List<String> letters(String group) {
        return jdbc.queryForList("SELECT sequence_identifier FROM ledger_read.dead_letter_entry "
                + "WHERE processing_group = ?", String.class, group);
    }

    private JsonNode projection() {
        Http.Response r = http().get("/api/admin/projections/" + Projections.READ_MODELS, Tokens.admin());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    private Http.Response post(String path) {
        return http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.admin()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}

package io.resolutionledger.query.deadletters;

import com.fasterxml.jackson.databind.JsonNode;
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
 * A poison event: a projection's handler fails on it, Axon's dead-letter queue parks it, the rest keeps flowing, and
 * the admin endpoints list it, retry it once the cause is gone, and evict a sequence.
 */
class DeadLetterTest extends QuerySideTest {

    @AfterEach
    void disarm() {
        PoisonProjection.POISONED.set(false);
    }

    private JsonNode group(Http.Response list) {
        for (JsonNode g : list.body().get("groups")) {
            if (g.get("processingGroup").asText().equals(PoisonProjection.GROUP)) {
                return g;
            }
        }
        throw new AssertionError("no group " + PoisonProjection.GROUP + " in " + list.body());
    }

    private boolean listed(String resolution) {
        Http.Response list = http().get("/api/admin/dead-letters", Tokens.admin());
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode letter : group(list).get("deadLetters")) {
            if (letter.get("sequenceIdentifier").asText().equals(resolution)) {
                return true;
            }
        }
        return false;
    }

    private Http.Response post(String path) {
        return http().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + Tokens.admin()).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private Http.Response delete(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http().send(b.build());
    }

    @Test
    void aPoisonEventIsParkedListedRetriedAndTheRestFlows() {
        PoisonProjection.POISONED.set(true);
        String session = LedgerEvents.unique("s");
        String poison = LedgerEvents.unique("r-poison");
        String healthy = LedgerEvents.unique("r-ok");
        ledger().schedule(session, 1, LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE")
                .propose(poison, session, PoisonProjection.MARKER + " title", "text", List.of("t"), "DE-BY")
                .propose(healthy, session, "healthy", "text", List.of("t"), "DE-BY")
                .append();
        // the rest keeps flowing: the healthy event after the poisoned one is handled
        await().atMost(Duration.ofSeconds(20)).until(() -> PoisonProjection.HANDLED.contains(healthy));
        await().atMost(Duration.ofSeconds(10)).until(() -> listed(poison));
        assertThat(PoisonProjection.HANDLED).doesNotContain(poison);
        awaitProjectionsCaughtUp();

        Http.Response list = http().get("/api/admin/dead-letters", Tokens.admin());
        JsonNode letter = null;
        for (JsonNode l : group(list).get("deadLetters")) {
            if (l.get("sequenceIdentifier").asText().equals(poison)) {
                letter = l;
            }
        }
        assertThat(letter).isNotNull();
        assertThat(letter.get("eventType").asText()).endsWith("ResolutionProposed");
        assertThat(letter.get("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.get("causeMessage").asText()).contains("poisoned");
        assertThat(letter.get("enqueuedAt").asText()).isNotBlank();
        Long index = jdbc.queryForObject("SELECT global_index FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, poison);
        assertThat(letter.get("globalIndex").asLong()).isEqualTo(index);

        // retry while still poisoned: stays parked
        Http.Response stillFailing = post("/api/admin/dead-letters/" + PoisonProjection.GROUP + "/retry");
        assertThat(stillFailing.status()).as(stillFailing.body().toString()).isEqualTo(200);
        assertThat(listed(poison)).isTrue();
        // the cause removed: retry succeeds, the letter is gone and the event handled
        PoisonProjection.POISONED.set(false);
        Http.Response retried = post("/api/admin/dead-letters/" + PoisonProjection.GROUP + "/retry");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("sequencesSucceeded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(listed(poison)).isFalse();
        assertThat(PoisonProjection.HANDLED).contains(poison);
    }

    @Test
    void aParkedSequenceCanBeEvictedAndOnlyAnAdminMay() {
        PoisonProjection.POISONED.set(true);
        String session = LedgerEvents.unique("s");
        String poison = LedgerEvents.unique("r-poison");
        ledger().schedule(session, 1, LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE")
                .propose(poison, session, PoisonProjection.MARKER, "text", List.of("t"), "DE-BY")
                .append();
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(poison));
        String path = "/api/admin/dead-letters/" + PoisonProjection.GROUP + "/" + poison;
        assertThat(delete(path, null).status()).isEqualTo(401);
        assertThat(delete(path, Tokens.auditor()).status()).isEqualTo(403);
        assertThat(http().get("/api/admin/dead-letters", Tokens.delegate("DE-BY")).status()).isEqualTo(403);
        Http.Response evicted = delete(path, Tokens.admin());
        assertThat(evicted.status()).as(evicted.body().toString()).isEqualTo(200);
        assertThat(evicted.body().get("evicted").asInt()).isEqualTo(1);
        assertThat(listed(poison)).isFalse();
        assertThat(delete(path, Tokens.admin()).status()).isEqualTo(404);
        assertThat(post("/api/admin/dead-letters/no-such-group/retry").status()).isEqualTo(404);
    }
}

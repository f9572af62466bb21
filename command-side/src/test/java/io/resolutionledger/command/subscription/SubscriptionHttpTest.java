package io.resolutionledger.command.subscription;

import io.resolutionledger.api.webhooks.StandardWebhooks;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.command.support.CommandSideIntegrationTest.WEBHOOK_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook subscriptions over HTTP: who may subscribe and end them, the secret's shape, and the URLs refused (schemes
 * other than http(s), hosts off the allow-list, link-local and metadata addresses), nothing written on a refusal.
 */
class SubscriptionHttpTest extends CommandHttpTestSupport {

    private static String body(String url, List<String> events) {
        return json(Map.of("url", url, "events", events));
    }

    private Response delete(String id, String token) {
        HttpRequest.Builder builder = request("/api/subscriptions/" + id).DELETE();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder.build());
    }

    private long subscriptionEvents() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry"
                + " WHERE payload_type LIKE '%.Subscription%'", Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void aDelegationSubscribesAndGetsItsSecretOnce() {
        Response created = post("/api/subscriptions", TestTokens.delegate("DE-BY"),
                body("http://127.0.0.1:9/hooks", List.of("ResolutionAdopted", "ResolutionPublished")));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.json().get("subscriptionId").asText();
        String secret = created.json().get("secret").asText();
        assertThat(created.header("Location")).contains("/api/subscriptions/" + id);
        assertThat(secret).isEqualTo(StandardWebhooks.secret(Base64.getDecoder().decode(WEBHOOK_KEY), id));
        assertThat(StandardWebhooks.keyOf(secret)).hasSize(32);
        String stored = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ?", String.class, id);
        assertThat(stored).contains("\"owner\":\"DE-BY\"", "\"readsUnpublished\":true").doesNotContain(secret)
                .doesNotContain(secret.substring(6));
    }

    @Test
    void aGuestSubscribesToWhatIsPublishedAndAnAdminToEverything() {
        Response guest = post("/api/subscriptions", TestTokens.delegate("DE-BSI"),
                body("http://localhost:9/bsi", List.of("*")));
        assertThat(guest.status()).as(guest.raw()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ?", String.class, guest.json().get("subscriptionId").asText()))
                .contains("\"readsUnpublished\":false");
        Response admin = post("/api/subscriptions", TestTokens.admin(), body("http://localhost:9/admin", List.of("*")));
        assertThat(admin.status()).as(admin.raw()).isEqualTo(201);
        assertThat(delete(admin.json().get("subscriptionId").asText(), TestTokens.admin()).status()).isEqualTo(204);
    }

    @Test
    void onlyItsOwnerEndsASubscriptionAndOnlyOnce() {
        String id = post("/api/subscriptions", TestTokens.delegate("DE-HE"),
                body("http://127.0.0.1:9/he", List.of("*"))).json().get("subscriptionId").asText();
        assertProblem(delete(id, TestTokens.delegate("DE-BY")), 403, "FORBIDDEN");
        assertProblem(delete(id, TestTokens.admin()), 403, "FORBIDDEN");
        assertThat(delete(id, null).status()).isEqualTo(401);
        Response deleted = delete(id, TestTokens.delegate("DE-HE"));
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(204);
        assertProblem(delete(id, TestTokens.delegate("DE-HE")), 409, "INVALID_STATE_TRANSITION");
        assertProblem(delete("no-such-subscription", TestTokens.delegate("DE-HE")), 404, "SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void itsOwnerRotatesTheSecretAndTheLogKeepsOnlyTheGeneration() {
        String id = post("/api/subscriptions", TestTokens.delegate("DE-NW"),
                body("http://127.0.0.1:9/nw", List.of("*"))).json().get("subscriptionId").asText();
        byte[] ledgerKey = Base64.getDecoder().decode(WEBHOOK_KEY);
        assertProblem(post("/api/subscriptions/" + id + "/secret-rotation", TestTokens.delegate("DE-BY"), null),
                403, "FORBIDDEN");
        assertProblem(post("/api/subscriptions/" + id + "/secret-rotation", TestTokens.admin(), null),
                403, "FORBIDDEN");
        Response first = post("/api/subscriptions/" + id + "/secret-rotation", TestTokens.delegate("DE-NW"), null);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        String secret = first.json().get("secret").asText();
        assertThat(first.json().get("generation").asInt()).isEqualTo(1);
        assertThat(secret).isEqualTo(StandardWebhooks.secret(ledgerKey, id, 1))
                .isNotEqualTo(StandardWebhooks.secret(ledgerKey, id));
        // the previous secret signs beside the new one for the configured overlap (24 h by default)
        java.time.Instant until = java.time.Instant.parse(first.json().get("previousSecretValidUntil").asText());
        assertThat(until).isBetween(java.time.Instant.now().plus(java.time.Duration.ofHours(23)),
                java.time.Instant.now().plus(java.time.Duration.ofHours(25)));
        Response second = post("/api/subscriptions/" + id + "/secret-rotation", TestTokens.delegate("DE-NW"), null);
        assertThat(second.json().get("generation").asInt()).isEqualTo(2);
        assertThat(second.json().get("secret").asText()).isEqualTo(StandardWebhooks.secret(ledgerKey, id, 2));
        String stored = jdbc.queryForObject("SELECT string_agg(convert_from(payload, 'UTF8'), ' ')"
                + " FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ?", String.class, id);
        assertThat(stored).contains("\"generation\":2").doesNotContain(secret)
                .doesNotContain(second.json().get("secret").asText()).doesNotContain("whsec_");
        assertThat(delete(id, TestTokens.delegate("DE-NW")).status()).isEqualTo(204);
        assertProblem(post("/api/subscriptions/" + id + "/secret-rotation", TestTokens.delegate("DE-NW"), null),
                409, "INVALID_STATE_TRANSITION");
        assertProblem(post("/api/subscriptions/no-such/secret-rotation", TestTokens.delegate("DE-NW"), null),
                404, "SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void urlsOffTheAllowListOrNotHttpAreRefusedAndNothingIsWritten() {
        long before = subscriptionEvents();
        String token = TestTokens.delegate("DE-BY");
        assertProblem(post("/api/subscriptions", token, body("https://hooks.example.org/x", List.of("*"))), 400,
                "HOST_NOT_ALLOWED");
        // cloud metadata and link-local addresses, by IP literal: not on the list, so refused
        assertProblem(post("/api/subscriptions", token, body("http://169.254.169.254/latest/meta-data", List.of("*"))),
                400, "HOST_NOT_ALLOWED");
        assertProblem(post("/api/subscriptions", token, body("http://[fe80::1]/x", List.of("*"))), 400,
                "HOST_NOT_ALLOWED");
        assertProblem(post("/api/subscriptions", token, body("ftp://127.0.0.1/x", List.of("*"))), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/subscriptions", token, body("http://user:pw@127.0.0.1/x", List.of("*"))), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/subscriptions", token, body("http://127.0.0.1/x", List.of("drop table"))), 400,
                "VALIDATION_FAILED");
        assertProblem(post("/api/subscriptions", token, body("http://127.0.0.1/x", List.of())), 400,
                "VALIDATION_FAILED");
        assertThat(post("/api/subscriptions", null, body("http://127.0.0.1/x", List.of("*"))).status()).isEqualTo(401);
        assertProblem(post("/api/subscriptions", TestTokens.auditor(), body("http://127.0.0.1/x", List.of("*"))), 403,
                "FORBIDDEN");
        assertThat(subscriptionEvents()).isEqualTo(before);
    }
}

package io.resolutionledger.command.security;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may call the command API: tokens are checked for real (RS256, dev key), and refusals write nothing. */
class SecurityHttpTest extends CommandHttpTestSupport {

    private String anyProposal() {
        return json(Map.of("sessionId", "s-1", "title", "t", "text", "x"));
    }

    @Test
    void anAnonymousCallIsRefusedWith401AndAProblem() {
        Response r = post("/api/resolutions", null, anyProposal());
        assertProblem(r, 401, "UNAUTHENTICATED");
        assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void expiredForgedUnsignedAndGarbageTokensAreRefusedWith401() {
        for (String token : List.of(TestTokens.expired(SPONSOR), TestTokens.forged(SPONSOR),
                TestTokens.unsigned(SPONSOR), "not.a.jwt", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln")) {
            Response r = post("/api/resolutions", token, anyProposal());
            assertProblem(r, 401, "UNAUTHENTICATED");
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        }
    }

    @Test
    void anAuditorChangesNothing() {
        String resolution = propose(session(false));
        long before = eventCount(resolution);
        Response r = post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.auditor(), null);
        assertProblem(r, 403, "FORBIDDEN");
        assertProblem(post("/api/sessions", TestTokens.auditor(), json(Map.of("sessionId", "s-x", "number", 1,
                "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam"))), 403, "FORBIDDEN");
        assertProblem(post("/api/chair/handovers", TestTokens.auditor(),
                json(Map.of("year", 2025, "to", List.of("DE-RP"), "effectiveFrom", "2025-01-01"))), 403, "FORBIDDEN");
        assertThat(eventCount(resolution)).isEqualTo(before);
    }

    @Test
    void tokensForAnotherAudienceOrIssuerOrWithoutExpiryOrSubjectAreRefusedWith401() {
        for (String token : List.of(TestTokens.wrongAudience(SPONSOR), TestTokens.otherIssuer(SPONSOR),
                TestTokens.withoutExpiry(SPONSOR), TestTokens.withoutSubject(SPONSOR))) {
            String session = session(false);
            long before = storeSize();
            Response r = post("/api/resolutions", token, json(Map.of("sessionId", session, "title", "t", "text", "x")),
                    "Idempotency-Key", java.util.UUID.randomUUID().toString());
            assertProblem(r, 401, "UNAUTHENTICATED");
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
            assertThat(storeSize()).as("nothing written").isEqualTo(before);
        }
    }

    private long storeSize() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class);
        return n == null ? 0 : n;
    }

    @Test
    void aDelegateWithoutAValidDelegationClaimIsNoCaller() {
        assertProblem(post("/api/resolutions", TestTokens.custom("u-1", null, List.of("delegate")), anyProposal()),
                401, "UNAUTHENTICATED");
        assertProblem(post("/api/resolutions", TestTokens.custom("u-2", "bavaria", List.of("delegate")),
                anyProposal()), 401, "UNAUTHENTICATED");
        assertProblem(post("/api/resolutions", TestTokens.custom("u-3", "DE-BY", List.of()), anyProposal()),
                403, "FORBIDDEN");
    }

    @Test
    void anAdministratorMayOnlyHandOverTheChair() {
        assertProblem(post("/api/resolutions", TestTokens.admin(), anyProposal()), 403, "FORBIDDEN");
        ensureChair2024();
        // the first chair is set; an administrator cannot set it again
        Response again = post("/api/chair/handovers", TestTokens.admin(),
                json(Map.of("year", 2024, "to", List.of("DE-HB"), "effectiveFrom", "2024-01-01")));
        assertProblem(again, 409, "CHAIR_ALREADY_SET");
    }

    @Test
    void healthAndApiDocsArePublicMetricsAreNot() {
        assertThat(send(request("/actuator/health").GET().build()).status()).isEqualTo(200);
        assertThat(send(request("/actuator/prometheus").GET().build()).status()).isEqualTo(401);
        Response docs = send(request("/v3/api-docs").GET().build());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.raw()).contains("/api/resolutions/{id}/amendments");
    }

    @Test
    void theActingDelegationComesFromTheTokenNeverFromTheBody() {
        String body = json(Map.of("sessionId", session(false), "title", "t", "text", "x", "actor", "DE-NW"));
        assertProblem(post("/api/resolutions", TestTokens.delegate(SPONSOR), body), 400, "VALIDATION_FAILED");
    }
}

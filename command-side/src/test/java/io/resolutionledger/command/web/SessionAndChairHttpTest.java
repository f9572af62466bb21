package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions and the chair over HTTP: the chair's business, judged by the ledger's own hand-overs. */
class SessionAndChairHttpTest extends CommandHttpTestSupport {

    private static String schedule(String sessionId, String date) {
        return json(Map.of("sessionId", sessionId, "number", 2, "kind", "SPECIAL", "date", date, "place", "Berlin"));
    }

    @Test
    void theChairSchedulesOpensAndClosesASession() {
        ensureChair2024();
        String id = newId("s");
        Response scheduled = post("/api/sessions", TestTokens.delegate("DE-BB"), schedule(id, "2024-10-24"));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(201);
        assertThat(scheduled.header("Location")).contains("/api/sessions/" + id);
        assertThat(scheduled.json().get("sessionId").asText()).isEqualTo(id);
        assertProblem(post("/api/sessions", TestTokens.delegate("DE-BB"), schedule(id, "2024-10-24")),
                409, "ALREADY_EXISTS");
        assertProblem(post("/api/sessions/" + id + "/closing", TestTokens.delegate(CHAIR), null),
                409, "INVALID_STATE_TRANSITION");
        assertProblem(post("/api/sessions/" + id + "/opening", TestTokens.delegate(SPONSOR), null), 403, "NOT_CHAIR");
        assertThat(post("/api/sessions/" + id + "/opening", TestTokens.delegate(CHAIR), null).status()).isEqualTo(200);
        assertThat(post("/api/sessions/" + id + "/closing", TestTokens.delegate(CHAIR), null).status()).isEqualTo(200);
        assertProblem(post("/api/sessions/" + newId("s") + "/opening", TestTokens.delegate(CHAIR), null),
                404, "SESSION_NOT_FOUND");
    }

    @Test
    void onlyTheChairOfTheSessionsDateSchedulesIt() {
        ensureChair2024();
        assertProblem(post("/api/sessions", TestTokens.delegate(SPONSOR), schedule(newId("s"), "2024-10-24")),
                403, "NOT_CHAIR");
    }

    @Test
    void sessionRequestsAreValidated() {
        Response r = post("/api/sessions", TestTokens.delegate(CHAIR), json(Map.of("sessionId", "bad id!",
                "number", 0, "kind", "WEEKLY", "date", "2024-02-30", "place", "")));
        assertProblem(r, 400, "VALIDATION_FAILED");
        Response r2 = post("/api/sessions", TestTokens.delegate(CHAIR), json(Map.of("sessionId", "bad id!",
                "number", 0, "kind", "WEEKLY", "date", "2024-02-03", "place", "")));
        assertProblem(r2, 400, "VALIDATION_FAILED");
        assertThat(r2.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("kind", "number", "place", "sessionId");
    }

    @Test
    void handOversAreCheckedByTheLedger() {
        ensureChair2024();
        assertProblem(post("/api/chair/handovers", TestTokens.delegate(CHAIR),
                json(Map.of("year", 2999, "to", List.of("DE-RP"), "effectiveFrom", "2999-01-01"))),
                409, "HANDOVER_SKIPS_YEAR");
        assertProblem(post("/api/chair/handovers", TestTokens.delegate(CHAIR),
                json(Map.of("year", 2025, "to", List.of("DE-BSI"), "effectiveFrom", "2025-01-01"))),
                403, "NOT_A_MEMBER");
        assertProblem(post("/api/chair/handovers", TestTokens.delegate(CHAIR),
                json(Map.of("year", 2025, "to", List.of("DE-RP", "DE-SL", "DE-SH"), "effectiveFrom", "2025-01-01"))),
                400, "TOO_MANY_CHAIR_HOLDERS");
        assertProblem(post("/api/chair/handovers", TestTokens.delegate(CHAIR),
                json(Map.of("year", 1800, "to", List.of(), "effectiveFrom", "2025-01-01"))),
                400, "VALIDATION_FAILED");
    }

    @Test
    void theHoldersOfTheLastTermHandOverToTheNextYear() {
        ensureChair2024();
        // the shared store may have seen hand-overs already: continue from its last term
        String last = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                + " WHERE payload_type LIKE '%ChairHandedOver' AND aggregate_identifier = 'DMK' ORDER BY global_index DESC LIMIT 1", String.class);
        var term = CommandSideIntegrationJson.read(last);
        int year = term.get("year").asInt();
        String holder = term.get("to").get(0).asText();
        String outsider = MEMBERS.stream().filter(m -> !term.get("to").toString().contains(m)).findFirst().orElseThrow();
        Map<String, Object> next = Map.of("year", year + 1, "to", List.of("DE-RP"),
                "effectiveFrom", (year + 1) + "-01-01");
        assertProblem(post("/api/chair/handovers", TestTokens.delegate(outsider), json(next)),
                403, "NOT_HOLDER_OF_CHAIR");
        Response handed = post("/api/chair/handovers", TestTokens.delegate(holder), json(next));
        assertThat(handed.status()).as(handed.raw()).isEqualTo(201);
        assertThat(handed.json().get("year").asInt()).isEqualTo(year + 1);
        assertThat(handed.json().get("to").get(0).asText()).isEqualTo("DE-RP");
    }
}

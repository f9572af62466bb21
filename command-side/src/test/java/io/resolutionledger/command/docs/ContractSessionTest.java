package io.resolutionledger.command.docs;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import io.resolutionledger.testkit.OpenApiContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract is what the service answers: a session of commands — accepted, refused, malformed, unauthenticated —
 * and every answer judged by the service's own {@code /v3/api-docs} ({@link OpenApiContract}: operation, status,
 * media type, body schema, and no body where none is described).
 */
class ContractSessionTest extends CommandHttpTestSupport {

    private OpenApiContract contract;

    @BeforeEach
    void description() throws Exception {
        Response docs = send(request("/v3/api-docs").GET().build());
        assertThat(docs.status()).isEqualTo(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi-command-side.json"), docs.raw());
        contract = new OpenApiContract(docs.raw());
    }

    private Response call(String path, String token, String body, String... headers) {
        Response r = post(path, token, body, headers);
        contract.check("POST", URI.create("http://x" + path).getRawPath(), r.status(),
                r.header("Content-Type").orElse(null), r.raw());
        return r;
    }

    @Test
    void everyAnswerOfACommandSessionIsOneTheDescriptionAllows() {
        String chair = TestTokens.delegate(CHAIR);
        String sponsor = TestTokens.delegate(SPONSOR);
        String other = TestTokens.delegate("DE-HE");

        int handover = call("/api/chair/handovers", TestTokens.admin(),
                json(Map.of("year", 2024, "to", List.of("DE-BE", "DE-BB"), "effectiveFrom", "2024-01-01"))).status();
        assertThat(handover).isIn(201, 409);
        call("/api/chair/handovers", sponsor, json(Map.of("year", 2024, "to", List.of("DE-BW", "DE-BB", "DE-BY"),
                "effectiveFrom", "2024-01-01")));

        String sessionId = newId("s");
        String schedule = json(Map.of("sessionId", sessionId, "number", 1, "kind", "REGULAR", "date", "2024-04-19",
                "place", "Potsdam"));
        assertThat(call("/api/sessions", chair, schedule).status()).isEqualTo(201);
        assertThat(call("/api/sessions", chair, schedule).status()).isEqualTo(409);
        assertThat(call("/api/sessions", sponsor, schedule.replace(sessionId, newId("s"))).status()).isEqualTo(403);
        assertThat(call("/api/sessions/" + sessionId + "/opening", chair, null).status()).isEqualTo(200);
        assertThat(call("/api/sessions/" + newId("s") + "/opening", chair, null).status()).isEqualTo(404);

        Response proposed = call("/api/resolutions", sponsor, proposal(sessionId));
        assertThat(proposed.status()).isEqualTo(201);
        String id = proposed.json().get("resolutionId").asText();
        String key = UUID.randomUUID().toString();
        assertThat(call("/api/resolutions", sponsor, proposal(sessionId), "Idempotency-Key", key).status())
                .isEqualTo(201);
        assertThat(call("/api/resolutions", sponsor, proposal(sessionId), "Idempotency-Key", key).status())
                .as("replayed").isEqualTo(201);
        assertThat(call("/api/resolutions", sponsor, proposal(newId("s")), "Idempotency-Key", key).status())
                .isEqualTo(422);
        assertThat(call("/api/resolutions", sponsor, "{\"title\": 3}").status()).isEqualTo(400);
        assertThat(call("/api/resolutions", sponsor, "{\"title\": ").status()).isEqualTo(400);
        assertThat(call("/api/resolutions", null, proposal(sessionId)).status()).isEqualTo(401);
        assertThat(call("/api/resolutions", "not-a-token", proposal(sessionId)).status()).isEqualTo(401);
        assertThat(call("/api/resolutions", TestTokens.auditor(), proposal(sessionId)).status()).isEqualTo(403);
        assertThat(call("/api/resolutions", sponsor, proposal(newId("s"))).status()).isEqualTo(404);
        assertThat(call("/api/resolutions", sponsor, "{\"text\":\"" + "x".repeat(300_000) + "\"}").status())
                .isEqualTo(413);
        Response xml = send(request("/api/resolutions").header("Authorization", "Bearer " + sponsor)
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<a/>")).build());
        contract.check("POST", "/api/resolutions", xml.status(), xml.header("Content-Type").orElse(null), xml.raw());
        assertThat(xml.status()).isEqualTo(415);

        String amend = json(Map.of("text", "Neuer Text", "reason", "klarer"));
        assertThat(call("/api/resolutions/" + id + "/amendments", sponsor, amend, "If-Match", "\"1\"").status())
                .isEqualTo(200);
        assertThat(call("/api/resolutions/" + id + "/amendments", sponsor, amend, "If-Match", "\"1\"").status())
                .isEqualTo(412);
        assertThat(call("/api/resolutions/" + id + "/amendments", other, amend, "If-Match", "\"2\"").status())
                .isEqualTo(403);
        Response tabled = call("/api/resolutions/" + id + "/tabled-amendments", other,
                json(Map.of("text", "Vorschlag", "reason", "besser")));
        assertThat(tabled.status()).isEqualTo(201);
        String amendment = tabled.json().get("amendmentId").asText();
        Response tabled2 = call("/api/resolutions/" + id + "/tabled-amendments", other,
                json(Map.of("text", "Zweiter Vorschlag", "reason", "noch besser")));
        assertThat(call("/api/resolutions/" + id + "/tabled-amendments/" + amendment + "/acceptance", sponsor,
                null, "If-Match", "\"2\"").status()).isEqualTo(200);
        assertThat(call("/api/resolutions/" + id + "/tabled-amendments/" + amendment + "/acceptance", sponsor,
                null, "If-Match", "\"3\"").status()).isEqualTo(409);
        assertThat(call("/api/resolutions/" + id + "/tabled-amendments/" + tabled2.json().get("amendmentId").asText()
                + "/declination", sponsor, json(Map.of("reason", "nein"))).status()).isEqualTo(200);
        assertThat(call("/api/resolutions/" + id + "/cosponsors", other, null).status()).isEqualTo(200);
        assertThat(call("/api/resolutions/" + id + "/cosponsors", other, null).status()).isEqualTo(409);

        assertThat(call("/api/resolutions/" + id + "/voting", sponsor, null).status()).isEqualTo(403);
        assertThat(call("/api/resolutions/" + id + "/voting", chair, null).status()).isEqualTo(200);
        for (String member : MEMBERS) {
            assertThat(call("/api/resolutions/" + id + "/votes", TestTokens.delegate(member),
                    json(Map.of("choice", "YES"))).status()).isEqualTo(200);
        }
        assertThat(call("/api/resolutions/" + id + "/votes", sponsor, json(Map.of("choice", "YES"))).status())
                .isEqualTo(409);
        assertThat(call("/api/resolutions/" + id + "/votes", sponsor, json(Map.of("choice", "MAYBE"))).status())
                .isEqualTo(400);
        assertThat(call("/api/resolutions/" + id + "/adoption", chair, null).status()).isEqualTo(200);
        assertThat(call("/api/resolutions/" + id + "/publication", chair,
                json(Map.of("reference", "DMK 1/2024, TOP 1"))).status()).isEqualTo(200);

        String rejected = call("/api/resolutions", sponsor, proposal(sessionId)).json().get("resolutionId").asText();
        call("/api/resolutions/" + rejected + "/voting", chair, null);
        assertThat(call("/api/resolutions/" + rejected + "/adoption", chair, null).status()).isEqualTo(409);
        assertThat(call("/api/resolutions/" + rejected + "/rejection", chair, json(Map.of("reason", "keine Mehrheit")))
                .status()).isEqualTo(200);
        String withdrawn = call("/api/resolutions", sponsor, proposal(sessionId)).json().get("resolutionId").asText();
        assertThat(call("/api/resolutions/" + withdrawn + "/withdrawal", sponsor, json(Map.of("reason", "erledigt")))
                .status()).isEqualTo(200);
        assertThat(call("/api/resolutions/" + newId("r") + "/votes", sponsor, json(Map.of("choice", "NO"))).status())
                .isEqualTo(404);
        assertThat(call("/api/sessions/" + sessionId + "/closing", chair, null).status()).isEqualTo(200);

        assertThat(contract.checked()).isGreaterThan(40);
        assertThat(contract.violations()).as("answers the description does not allow").isEmpty();
    }
}

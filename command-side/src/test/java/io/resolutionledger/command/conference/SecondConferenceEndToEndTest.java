package io.resolutionledger.command.conference;

import io.resolutionledger.command.support.CommandSideIntegrationTest;
import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same command side configured for another conference (test resource {@code conference/kvmk.yml}: five coastal
 * Länder, two federal guests, rules of their own) runs a session from the first chair to publication: its members,
 * guests and rules, and none of the DMK's. The suite's one Spring context besides the DMK's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "LEDGER_CONFERENCE_CONFIG=classpath:conference/kvmk.yml")
class SecondConferenceEndToEndTest extends CommandSideIntegrationTest {

    private static final List<String> MEMBERS = List.of("DE-HB", "DE-HH", "DE-MV", "DE-NI", "DE-SH");
    private static final String CHAIR = "DE-HB";

    private String chair2025() {
        Response r = post("/api/chair/handovers", TestTokens.admin(),
                json(Map.of("year", 2025, "to", List.of(CHAIR), "effectiveFrom", "2025-01-01")));
        assertThat(r.status()).as(r.raw()).isIn(201, 409);
        return CHAIR;
    }

    private Response asChair(String path, Object body) {
        return post(path, TestTokens.delegate(CHAIR), body == null ? null : json(body));
    }

    private static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
    }

    @Test
    void theCoastalLaenderHoldASessionUnderTheirOwnMembersGuestsAndRules() {
        chair2025();
        String session = "kvmk-" + UUID.randomUUID();
        Response scheduled = asChair("/api/sessions", Map.of("sessionId", session, "number", 1, "kind", "REGULAR",
                "date", "2025-03-14", "place", "Bremerhaven"));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(201);

        // the guests are this conference's, not the DMK's
        assertThat(asChair("/api/sessions/" + session + "/attendance",
                Map.of("guest", "DE-BMV", "name", "Bundesministerium für Verkehr", "present", true)).status())
                .isEqualTo(200);
        assertProblem(asChair("/api/sessions/" + session + "/attendance", Map.of("guest", "DE-BSI", "present", true)),
                400, "VALIDATION_FAILED");
        // a DMK member outside the coast is no member here
        assertProblem(asChair("/api/sessions/" + session + "/attendance",
                Map.of("delegation", "DE-BY", "present", true)), 403, "NOT_A_MEMBER");
        for (String member : MEMBERS.subList(0, 4)) {
            assertThat(asChair("/api/sessions/" + session + "/attendance",
                    Map.of("delegation", member, "present", true)).status()).isEqualTo(200);
        }
        Response report = asChair("/api/sessions/" + session + "/agenda-items", Map.of("kind", "REPORT",
                "title", "Bericht zur Hinterlandanbindung der Seehäfen", "presenter", "Bundesministerium für Verkehr"));
        assertThat(report.status()).as(report.raw()).isEqualTo(201);
        assertThat(asChair("/api/sessions/" + session + "/opening", null).status()).isEqualTo(200);

        assertProblem(post("/api/resolutions", TestTokens.delegate("DE-BY"), proposal(session)), 403, "NOT_A_MEMBER");
        Response proposed = post("/api/resolutions", TestTokens.delegate("DE-NI"), proposal(session));
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(201);
        String resolution = proposed.json().get("resolutionId").asText();
        Response item = asChair("/api/sessions/" + session + "/agenda-items", Map.of("kind", "RESOLUTION",
                "title", "Landstrom in den Häfen", "resolutionId", resolution));
        assertThat(item.json().get("number").asInt()).as(item.raw()).isEqualTo(2);

        // the DMK's rule names mean nothing here; the default is this conference's majority
        assertProblem(asChair("/api/resolutions/" + resolution + "/voting", Map.of("rule", "simple-majority")),
                400, "UNKNOWN_RULE");
        Response opened = asChair("/api/resolutions/" + resolution + "/voting", null);
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(opened.json().get("rule").get("name").asText()).isEqualTo("majority");
        assertThat(opened.json().get("rule").get("abstentions").asText()).isEqualTo("COUNT_AS_NO");

        // DE-SH is not present: it may not vote; of the four present, 2 YES against 1 NO and 1 abstention is a tie
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-SH"),
                json(Map.of("choice", "YES"))), 409, "NOT_PRESENT");
        vote(resolution, "DE-HB", "YES");
        vote(resolution, "DE-HH", "YES");
        vote(resolution, "DE-MV", "NO");
        vote(resolution, "DE-NI", "ABSTAIN");
        assertProblem(asChair("/api/resolutions/" + resolution + "/adoption", null), 409, "RULE_NOT_MET");
        Response rejected = asChair("/api/resolutions/" + resolution + "/rejection", Map.of("reason", "keine Mehrheit"));
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);

        // a second matter under four-of-five passes with the four present
        Response second = post("/api/resolutions", TestTokens.delegate("DE-HH"), proposal(session));
        String other = second.json().get("resolutionId").asText();
        assertThat(asChair("/api/resolutions/" + other + "/voting", Map.of("rule", "four-of-five")).status())
                .isEqualTo(200);
        for (String member : MEMBERS.subList(0, 4)) {
            vote(other, member, "YES");
        }
        Response adopted = asChair("/api/resolutions/" + other + "/adoption", null);
        assertThat(adopted.status()).as(adopted.raw()).isEqualTo(200);
        assertThat(adopted.json().get("tally").get("yes").asInt()).isEqualTo(4);
        assertThat(asChair("/api/sessions/" + session + "/closing", null).status()).isEqualTo(200);
        Response published = asChair("/api/resolutions/" + other + "/publication", Map.of("reference", "KVMK-2025-1"));
        assertThat(published.status()).as(published.raw()).isEqualTo(200);
    }

    private void vote(String resolution, String member, String choice) {
        Response r = post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate(member),
                json(Map.of("choice", choice)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    private static String proposal(String session) {
        return json(Map.of("sessionId", session, "title", "Landstrom in den Häfen",
                "text", "Die Konferenz fordert den Ausbau der Landstromversorgung.", "topics", List.of("ports"),
                "coSponsors", List.of()));
    }
}

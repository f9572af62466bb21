package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions as they really run, over HTTP: rules per matter, attendance and quorum, closing, agendas, transfers. */
class SessionRulesHttpTest extends CommandHttpTestSupport {

    private Response openVote(String resolution, String body) {
        return post("/api/resolutions/" + resolution + "/voting", TestTokens.delegate(CHAIR), body);
    }

    // ---- rules per matter

    @Test
    void theChairNamesARuleOfTheCatalogueAndTheAnswerGivesItsNameAndTerms() {
        String resolution = propose(session(true));
        Response opened = openVote(resolution, json(Map.of("rule", "unanimity")));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(opened.json().get("version").asLong()).isEqualTo(1);
        assertThat(opened.json().get("rule").get("name").asText()).isEqualTo("unanimity");
        assertThat(opened.json().get("rule").get("kind").asText()).isEqualTo("UNANIMITY");
        assertThat(opened.json().get("rule").get("quorum").asInt()).isEqualTo(9);
        assertThat(opened.json().get("rule").get("abstentions").asText()).isEqualTo("COUNT_AS_NO");
        // one abstention breaks unanimity however many say YES
        for (String member : MEMBERS.subList(0, 15)) {
            vote(resolution, member, "YES");
        }
        vote(resolution, MEMBERS.get(15), "ABSTAIN");
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null),
                409, "RULE_NOT_MET");
    }

    @Test
    void withoutABodyTheDefaultRuleApplies() {
        String resolution = propose(session(true));
        Response opened = openVote(resolution, null);
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(opened.json().get("rule").get("name").asText()).isEqualTo("qualified-majority");
        assertThat(opened.json().get("rule").get("minimumYes").asInt()).isEqualTo(13);
    }

    @Test
    void aSimpleMajorityAdoptsAProceduralMatterAndATieDoesNot() {
        String resolution = propose(session(true));
        Response opened = openVote(resolution, json(Map.of("rule", "simple-majority")));
        assertThat(opened.json().get("rule").get("kind").asText()).as(opened.raw()).isEqualTo("SIMPLE_MAJORITY");
        for (int i = 0; i < 10; i++) {
            vote(resolution, MEMBERS.get(i), i < 5 ? "YES" : "NO");
        }
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null),
                409, "RULE_NOT_MET");
        vote(resolution, MEMBERS.get(10), "YES");
        Response adopted = post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null);
        assertThat(adopted.status()).as(adopted.raw()).isEqualTo(200);
        assertThat(adopted.json().get("tally").get("yes").asInt()).isEqualTo(6);
    }

    @Test
    void anUnknownRuleIs400AndChangesNothing() {
        String resolution = propose(session(true));
        long before = eventCount(resolution);
        assertProblem(openVote(resolution, json(Map.of("rule", "two-thirds"))), 400, "UNKNOWN_RULE");
        assertProblem(openVote(resolution, json(Map.of("rule", "Not A Name!"))), 400, "VALIDATION_FAILED");
        assertThat(eventCount(resolution)).isEqualTo(before);
    }
}

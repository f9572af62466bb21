package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.List;
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

    // ---- attendance and quorum

    private Response attendance(String session, Map<String, Object> body) {
        return post("/api/sessions/" + session + "/attendance", TestTokens.delegate(CHAIR), json(body));
    }

    @Test
    void onceTheRollIsCalledAnAbsentMemberMayNotVoteAndTheQuorumCountsMembersPresent() {
        String session = session(true);
        // eight members present: below the quorum of 9 whatever they vote
        for (String member : MEMBERS.subList(0, 8)) {
            Response r = attendance(session, Map.of("delegation", member, "present", true));
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
        }
        Response guest = attendance(session, Map.of("guest", "DE-BSI", "name", "Claudia Plattner", "present", true));
        assertThat(guest.status()).as(guest.raw()).isEqualTo(200);
        String resolution = propose(session);
        assertThat(openVote(resolution, json(Map.of("rule", "simple-majority"))).status()).isEqualTo(200);
        for (String member : MEMBERS.subList(0, 8)) {
            vote(resolution, member, "YES");
        }
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate(MEMBERS.get(8)),
                json(Map.of("choice", "YES"))), 409, "NOT_PRESENT");
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null),
                409, "RULE_NOT_MET");
        // the ninth arrives: the quorum is met, and a simple majority of those voting adopts
        attendance(session, Map.of("delegation", MEMBERS.get(8), "present", true));
        Response adopted = post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null);
        assertThat(adopted.status()).as(adopted.raw()).isEqualTo(200);
    }

    @Test
    void attendanceRequestsAreCheckedAndOnlyTheChairRecords() {
        String session = session(false);
        long before = eventCount(session);
        assertProblem(post("/api/sessions/" + session + "/attendance", TestTokens.delegate(SPONSOR),
                json(Map.of("delegation", SPONSOR, "present", true))), 403, "NOT_CHAIR");
        assertProblem(attendance(session, Map.of("delegation", "AT-9", "present", true)), 403, "NOT_A_MEMBER");
        assertProblem(attendance(session, Map.of("guest", "DE-XYZ", "present", true)), 400, "VALIDATION_FAILED");
        assertProblem(attendance(session, Map.of("delegation", "DE-BY", "guest", "DE-BSI", "present", true)),
                400, "VALIDATION_FAILED");
        assertProblem(attendance(session, Map.of("delegation", "DE-BY")), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/sessions/" + newId("s") + "/attendance", TestTokens.delegate(CHAIR),
                json(Map.of("delegation", "DE-BY", "present", true))), 404, "SESSION_NOT_FOUND");
        assertThat(eventCount(session)).isEqualTo(before);
    }

    // ---- closing ends the votes

    @Test
    void closingTheSessionEndsItsVotesButTheChairStillAdoptsOrRejects() {
        String session = session(true);
        String adoptable = propose(session);
        String rejectable = propose(session);
        String neverOpened = propose(session);
        assertThat(openVote(adoptable, null).status()).isEqualTo(200);
        assertThat(openVote(rejectable, null).status()).isEqualTo(200);
        for (String member : MEMBERS.subList(0, 13)) {
            vote(adoptable, member, "YES");
        }
        vote(rejectable, "DE-TH", "NO");
        assertThat(post("/api/sessions/" + session + "/closing", TestTokens.delegate(CHAIR), null).status())
                .isEqualTo(200);
        assertProblem(post("/api/resolutions/" + adoptable + "/votes", TestTokens.delegate("DE-TH"),
                json(Map.of("choice", "NO"))), 409, "SESSION_CLOSED");
        assertProblem(openVote(neverOpened, null), 409, "SESSION_CLOSED");
        assertThat(post("/api/resolutions/" + adoptable + "/adoption", TestTokens.delegate(CHAIR), null).status())
                .isEqualTo(200);
        Response rejected = post("/api/resolutions/" + rejectable + "/rejection", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "Sitzung beendet")));
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
    }

    // ---- postponement and cancellation

    @Test
    void theChairPostponesASessionNotYetOpenedWhichThenOpensOnItsNewDate() {
        String session = session(false);
        assertProblem(post("/api/sessions/" + session + "/postponement", TestTokens.delegate(SPONSOR),
                json(Map.of("date", "2024-05-03", "reason", "Terminkollision"))), 403, "NOT_CHAIR");
        assertProblem(post("/api/sessions/" + session + "/postponement", TestTokens.delegate(CHAIR),
                json(Map.of("date", "2024-04-19", "reason", "derselbe Tag"))), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/sessions/" + session + "/postponement", TestTokens.delegate(CHAIR),
                json(Map.of("date", "2024-05-03"))), 400, "VALIDATION_FAILED");
        Response postponed = post("/api/sessions/" + session + "/postponement", TestTokens.delegate(CHAIR),
                json(Map.of("date", "2024-05-03", "reason", "Terminkollision")));
        assertThat(postponed.status()).as(postponed.raw()).isEqualTo(200);
        assertThat(post("/api/sessions/" + session + "/opening", TestTokens.delegate(CHAIR), null).status())
                .isEqualTo(200);
        assertProblem(post("/api/sessions/" + session + "/postponement", TestTokens.delegate(CHAIR),
                json(Map.of("date", "2024-06-03", "reason", "zu spät"))), 409, "INVALID_STATE_TRANSITION");
        assertProblem(post("/api/sessions/" + session + "/cancellation", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "zu spät"))), 409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void aCancelledSessionNeverOpensAndTakesNoProposals() {
        String session = session(false);
        assertProblem(post("/api/sessions/" + session + "/cancellation", TestTokens.delegate(CHAIR),
                json(Map.of("reason", " "))), 400, "VALIDATION_FAILED");
        Response cancelled = post("/api/sessions/" + session + "/cancellation", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "entfällt")));
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertProblem(post("/api/sessions/" + session + "/opening", TestTokens.delegate(CHAIR), null),
                409, "INVALID_STATE_TRANSITION");
        assertProblem(post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(session)), 409, "SESSION_CLOSED");
    }

    // ---- agendas

    private Response addItem(String session, Map<String, Object> body) {
        return post("/api/sessions/" + session + "/agenda-items", TestTokens.delegate(CHAIR), json(body));
    }

    private Response reorder(String session, String token, List<String> items) {
        return send(request("/api/sessions/" + session + "/agenda-order")
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("items", items))))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token).build());
    }

    @Test
    void theChairBuildsAnOrderedAgendaAndReordersItBeforeTheSessionOpens() {
        String session = session(false);
        String resolution = propose(session);
        Response report = addItem(session, Map.of("kind", "REPORT",
                "title", "Bericht zur Digitalstrategie und zum AI Act", "presenter", "Bundesminister für Digitales"));
        assertThat(report.status()).as(report.raw()).isEqualTo(201);
        assertThat(report.json().get("number").asInt()).isEqualTo(1);
        Response item = addItem(session, Map.of("kind", "RESOLUTION", "title", "Smart Region",
                "resolutionId", resolution));
        assertThat(item.status()).as(item.raw()).isEqualTo(201);
        assertThat(item.json().get("number").asInt()).isEqualTo(2);
        String first = report.json().get("itemId").asText();
        String second = item.json().get("itemId").asText();

        assertProblem(addItem(session, Map.of("kind", "RESOLUTION", "title", "noch einmal", "resolutionId", resolution)),
                409, "ALREADY_EXISTS");
        assertProblem(addItem(session, Map.of("kind", "RESOLUTION", "title", "ohne Beschluss")), 400, "VALIDATION_FAILED");
        assertProblem(addItem(session, Map.of("kind", "TALK", "title", "x")), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/sessions/" + session + "/agenda-items", TestTokens.delegate(SPONSOR),
                json(Map.of("kind", "OTHER", "title", "x"))), 403, "NOT_CHAIR");

        assertProblem(reorder(session, TestTokens.delegate(CHAIR), List.of(second)), 400, "VALIDATION_FAILED");
        assertProblem(reorder(session, TestTokens.delegate(SPONSOR), List.of(second, first)), 403, "NOT_CHAIR");
        Response reordered = reorder(session, TestTokens.delegate(CHAIR), List.of(second, first));
        assertThat(reordered.status()).as(reordered.raw()).isEqualTo(200);
        assertThat(post("/api/sessions/" + session + "/opening", TestTokens.delegate(CHAIR), null).status())
                .isEqualTo(200);
        assertProblem(reorder(session, TestTokens.delegate(CHAIR), List.of(first, second)),
                409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void theChairTransfersAResolutionNotYetVotedToAComingSession() {
        String today = session(true);
        String coming = session(false);
        String resolution = propose(today);
        assertProblem(post("/api/resolutions/" + resolution + "/transfer", TestTokens.delegate(SPONSOR),
                json(Map.of("sessionId", coming))), 403, "NOT_CHAIR");
        assertProblem(post("/api/resolutions/" + resolution + "/transfer", TestTokens.delegate(CHAIR),
                json(Map.of("sessionId", newId("s")))), 404, "SESSION_NOT_FOUND");
        assertProblem(post("/api/resolutions/" + resolution + "/transfer", TestTokens.delegate(CHAIR),
                json(Map.of())), 400, "VALIDATION_FAILED");
        Response moved = post("/api/resolutions/" + resolution + "/transfer", TestTokens.delegate(CHAIR),
                json(Map.of("sessionId", coming)));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        // its vote now waits for the coming session
        assertProblem(openVote(resolution, null), 409, "SESSION_NOT_OPEN");

        String voted = inVoting();
        assertProblem(post("/api/resolutions/" + voted + "/transfer", TestTokens.delegate(CHAIR),
                json(Map.of("sessionId", coming))), 409, "INVALID_STATE_TRANSITION");
        assertProblem(post("/api/resolutions/" + propose(coming) + "/transfer", TestTokens.delegate(CHAIR),
                json(Map.of("sessionId", today))), 409, "INVALID_STATE_TRANSITION");
    }
}

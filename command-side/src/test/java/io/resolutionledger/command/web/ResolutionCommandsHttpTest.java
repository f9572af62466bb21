package io.resolutionledger.command.web;

import io.resolutionledger.api.command.ProposeResolution;
import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every resolution command over HTTP with real tokens: its success answer and the refusals it can meet. */
class ResolutionCommandsHttpTest extends CommandHttpTestSupport {

    private static final String OTHER = "DE-NW";

    private Response amend(String resolution, String delegation, String ifMatch, String text) {
        return ifMatch == null
                ? post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(delegation),
                json(Map.of("text", text)))
                : post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(delegation),
                json(Map.of("text", text, "reason", "clearer")), "If-Match", ifMatch);
    }

    @Test
    void proposingAnswers201WithLocationETagAndTheNewId() {
        String session = session(false);
        Response r = post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(session),
                "X-Correlation-Id", "corr-123");
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        String id = r.json().get("resolutionId").asText();
        assertThat(r.json().get("version").asLong()).isEqualTo(1);
        assertThat(r.header("Location")).contains("/api/resolutions/" + id);
        assertThat(r.header("ETag")).contains("\"1\"");
        assertThat(r.header("X-Correlation-Id")).contains("corr-123");
        assertThat(eventCount(id)).isEqualTo(1);
        String metaData = jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM "
                + "ledger_write.domain_event_entry WHERE aggregate_identifier = ?", String.class, id);
        assertThat(CommandSideIntegrationJson.read(metaData).get("traceId").asText()).isEqualTo("corr-123");
        assertThat(CommandSideIntegrationJson.read(metaData).get("correlationId").asText()).isEqualTo("corr-123");
        assertThat(CommandSideIntegrationJson.read(metaData).get("causationId").asText()).isNotBlank().isNotEqualTo("corr-123");
        // the person only as a pseudonym (security.Pseudonyms, ErasureHttpTest), the delegation in clear
        assertThat(metaData).doesNotContain("user-de-by").contains("DE-BY");
        assertThat(CommandSideIntegrationJson.read(metaData).get("user").asText()).startsWith("p-");
        assertThat(CommandSideIntegrationJson.read(metaData).get("command").asText())
                .isEqualTo(ProposeResolution.class.getName());
    }

    @Test
    void proposingIsRefusedForUnknownSessionsGuestsAndClosedSessions() {
        assertProblem(post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(newId("nope"))),
                404, "SESSION_NOT_FOUND");
        assertProblem(post("/api/resolutions", TestTokens.delegate("DE-BSI"), proposal(session(false))),
                403, "GUEST_ACTING");
        String closed = session(true);
        assertThat(post("/api/sessions/" + closed + "/closing", TestTokens.delegate(CHAIR), null).status())
                .isEqualTo(200);
        assertProblem(post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(closed)), 409, "SESSION_CLOSED");
    }

    @Test
    void amendingAnswersTheNewVersionAndRefusesStaleOrForeignAmendments() {
        String resolution = propose(session(false));
        Response ok = amend(resolution, SPONSOR, "\"1\"", "Neuer Text");
        assertThat(ok.status()).as(ok.raw()).isEqualTo(200);
        assertThat(ok.json().get("version").asLong()).isEqualTo(2);
        assertThat(ok.header("ETag")).contains("\"2\"");
        assertProblem(amend(resolution, SPONSOR, "\"1\"", "Zu spät"), 412, "VERSION_CONFLICT");
        assertProblem(amend(resolution, OTHER, "\"2\"", "Fremd"), 403, "NOT_SPONSOR");
        assertProblem(amend(resolution, SPONSOR, null, "Ohne If-Match"), 428, "PRECONDITION_REQUIRED");
        assertProblem(amend(resolution, SPONSOR, "W/\"2\"", "Schwach"), 400, "MALFORMED_REQUEST");
        assertProblem(amend(resolution, SPONSOR, "2", "Ohne Anführungszeichen"), 400, "MALFORMED_REQUEST");
        assertProblem(amend(newId("r"), SPONSOR, "\"1\"", "Unbekannt"), 404, "RESOLUTION_NOT_FOUND");
        // a co-sponsor may amend too
        assertThat(amend(resolution, "DE-HH", "\"2\"", "Mitantragsteller").status()).isEqualTo(200);
        assertThat(eventCount(resolution)).isEqualTo(3);
    }

    @Test
    void theSponsorTranslatesAVersionAndBadTranslationsChangeNothing() {
        String resolution = propose(session(false));
        String path = "/api/resolutions/" + resolution + "/translations";
        Response ok = post(path, TestTokens.delegate(SPONSOR), json(Map.of("language", "en", "version", 1,
                "title", "Measuring the digital transformation", "text", "The conference resolves:\nto measure.")));
        assertThat(ok.status()).as(ok.raw()).isEqualTo(201);
        assertThat(ok.json().get("language").asText()).isEqualTo("en");
        assertThat(ok.json().get("version").asLong()).isEqualTo(1);
        assertThat(ok.header("Location")).contains("/api/resolutions/" + resolution + "/versions/1?lang=en");
        assertThat(eventCount(resolution)).isEqualTo(2);

        assertProblem(post(path, TestTokens.delegate("DE-HH"), json(Map.of("language", "en", "version", 1,
                "title", "T", "text", "Text."))), 403, "NOT_SPONSOR");
        assertProblem(post(path, TestTokens.delegate(SPONSOR), json(Map.of("language", "EN", "version", 1,
                "title", "T", "text", "Text."))), 400, "VALIDATION_FAILED");
        assertProblem(post(path, TestTokens.delegate(SPONSOR), json(Map.of("language", "de", "version", 1,
                "title", "T", "text", "Text."))), 400, "VALIDATION_FAILED");
        assertProblem(post(path, TestTokens.delegate(SPONSOR), json(Map.of("language", "en", "version", 7,
                "title", "T", "text", "Text."))), 400, "VALIDATION_FAILED");
        assertProblem(post(path, TestTokens.delegate(SPONSOR), json(Map.of("language", "en", "title", "T",
                "text", "Text."))), 400, "VALIDATION_FAILED");
        assertProblem(post("/api/resolutions/" + newId("r") + "/translations", TestTokens.delegate(SPONSOR),
                json(Map.of("language", "en", "version", 1, "title", "T", "text", "Text."))), 404,
                "RESOLUTION_NOT_FOUND");
        assertThat(eventCount(resolution)).isEqualTo(2);
    }

    @Test
    void aTabledAmendmentIsAcceptedOrDeclinedByTheSponsor() {
        String resolution = propose(session(false));
        Response tabled = post("/api/resolutions/" + resolution + "/tabled-amendments", TestTokens.delegate(OTHER),
                json(Map.of("text", "Vorschlag", "reason", "besser")));
        assertThat(tabled.status()).as(tabled.raw()).isEqualTo(201);
        String amendment = tabled.json().get("amendmentId").asText();
        assertThat(tabled.header("Location")).contains(
                "/api/resolutions/" + resolution + "/tabled-amendments/" + amendment);
        assertProblem(post("/api/resolutions/" + resolution + "/tabled-amendments", TestTokens.delegate(SPONSOR),
                json(Map.of("text", "Eigener"))), 403, "SPONSOR_CANNOT_TABLE");

        String acceptance = "/api/resolutions/" + resolution + "/tabled-amendments/" + amendment + "/acceptance";
        assertProblem(post(acceptance, TestTokens.delegate(SPONSOR), null), 428, "PRECONDITION_REQUIRED");
        assertProblem(post(acceptance, TestTokens.delegate(OTHER), null, "If-Match", "\"1\""), 403, "NOT_SPONSOR");
        assertProblem(post(acceptance, TestTokens.delegate(SPONSOR), null, "If-Match", "\"7\""), 412,
                "VERSION_CONFLICT");
        Response accepted = post(acceptance, TestTokens.delegate(SPONSOR), null, "If-Match", "\"1\"");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.json().get("version").asLong()).isEqualTo(2);
        assertThat(accepted.header("ETag")).contains("\"2\"");
        assertProblem(post(acceptance, TestTokens.delegate(SPONSOR), null, "If-Match", "\"2\""), 409,
                "AMENDMENT_NOT_PENDING");

        Response second = post("/api/resolutions/" + resolution + "/tabled-amendments", TestTokens.delegate(OTHER),
                json(Map.of("text", "Noch einer")));
        String declination = "/api/resolutions/" + resolution + "/tabled-amendments/"
                + second.json().get("amendmentId").asText() + "/declination";
        assertProblem(post(declination, TestTokens.delegate(OTHER), json(Map.of("reason", "nein"))), 403,
                "NOT_SPONSOR");
        Response declined = post(declination, TestTokens.delegate(SPONSOR), json(Map.of("reason", "passt nicht")));
        assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
        assertProblem(post("/api/resolutions/" + resolution + "/tabled-amendments/" + newId("a") + "/declination",
                TestTokens.delegate(SPONSOR), null), 404, "AMENDMENT_NOT_FOUND");
    }

    @Test
    void coSponsoringAndWithdrawing() {
        String resolution = propose(session(false));
        Response joined = post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.delegate(OTHER), null);
        assertThat(joined.status()).as(joined.raw()).isEqualTo(200);
        assertProblem(post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.delegate(OTHER), null),
                409, "ALREADY_COSPONSOR");
        assertProblem(post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.delegate("DE-BMDS"), null),
                403, "GUEST_ACTING");
        assertProblem(post("/api/resolutions/" + resolution + "/withdrawal", TestTokens.delegate(OTHER),
                json(Map.of("reason", "x"))), 403, "NOT_SPONSOR");
        Response withdrawn = post("/api/resolutions/" + resolution + "/withdrawal", TestTokens.delegate(SPONSOR),
                json(Map.of("reason", "überholt")));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertProblem(post("/api/resolutions/" + resolution + "/withdrawal", TestTokens.delegate(SPONSOR), null),
                409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void openingTheVoteNeedsTheChairAndAnOpenSession() {
        String scheduledOnly = propose(session(false));
        assertProblem(post("/api/resolutions/" + scheduledOnly + "/voting", TestTokens.delegate(SPONSOR), null),
                403, "NOT_CHAIR");
        assertProblem(post("/api/resolutions/" + scheduledOnly + "/voting", TestTokens.delegate(CHAIR), null),
                409, "SESSION_NOT_OPEN");

        String resolution = propose(session(true));
        Response opened = post("/api/resolutions/" + resolution + "/voting", TestTokens.delegate(CHAIR), null);
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(opened.json().get("version").asLong()).isEqualTo(1);
        assertThat(opened.json().get("rule").get("kind").asText()).isEqualTo("QUALIFIED_MAJORITY");
        assertThat(opened.json().get("rule").get("minimumYes").asInt()).isEqualTo(13);
        assertThat(opened.header("ETag")).contains("\"1\"");
        // the text is frozen while the vote runs
        assertProblem(amend(resolution, SPONSOR, "\"1\"", "Zu spät"), 409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void eachMemberVotesOnceAndGuestsNotAtAll() {
        String resolution = inVoting();
        vote(resolution, "DE-SN", "ABSTAIN");
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-SN"),
                json(Map.of("choice", "YES"))), 409, "ALREADY_VOTED");
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-BSI"),
                json(Map.of("choice", "YES"))), 403, "GUEST_ACTING");
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate("DE-SN"),
                json(Map.of("choice", "MAYBE"))), 400, "VALIDATION_FAILED");
        String notVoting = propose(session(false));
        assertProblem(post("/api/resolutions/" + notVoting + "/votes", TestTokens.delegate("DE-SN"),
                json(Map.of("choice", "YES"))), 409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void adoptionNeedsTheRuleThenPublication() {
        String resolution = inVoting();
        for (String member : MEMBERS.subList(0, 12)) {
            vote(resolution, member, "YES");
        }
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null),
                409, "RULE_NOT_MET");
        assertProblem(post("/api/resolutions/" + resolution + "/publication", TestTokens.delegate(CHAIR),
                json(Map.of("reference", "DMK-2024-1"))), 409, "INVALID_STATE_TRANSITION");
        vote(resolution, MEMBERS.get(12), "YES");
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(SPONSOR), null),
                403, "NOT_CHAIR");
        assertProblem(post("/api/resolutions/" + resolution + "/rejection", TestTokens.delegate(CHAIR), null),
                409, "RULE_MET");
        Response adopted = post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate("DE-BB"), null);
        assertThat(adopted.status()).as(adopted.raw()).isEqualTo(200);
        assertThat(adopted.json().get("tally").get("yes").asInt()).isEqualTo(13);

        assertProblem(post("/api/resolutions/" + resolution + "/publication", TestTokens.delegate(SPONSOR),
                json(Map.of("reference", "DMK-2024-1"))), 403, "NOT_CHAIR");
        assertProblem(post("/api/resolutions/" + resolution + "/publication", TestTokens.delegate(CHAIR),
                json(Map.of("reference", " "))), 400, "VALIDATION_FAILED");
        Response published = post("/api/resolutions/" + resolution + "/publication", TestTokens.delegate(CHAIR),
                json(Map.of("reference", "DMK-2024-1")));
        assertThat(published.status()).as(published.raw()).isEqualTo(200);
    }

    @Test
    void rejectionAnswersTheTally() {
        String resolution = inVoting();
        vote(resolution, "DE-TH", "NO");
        Response rejected = post("/api/resolutions/" + resolution + "/rejection", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "keine Mehrheit")));
        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
        assertThat(rejected.json().get("tally").get("no").asInt()).isEqualTo(1);
        assertProblem(post("/api/resolutions/" + resolution + "/adoption", TestTokens.delegate(CHAIR), null),
                409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void unknownResolutionsAre404OnEveryRoute() {
        String unknown = newId("r");
        for (String route : List.of("cosponsors", "withdrawal", "voting", "adoption", "rejection")) {
            assertProblem(post("/api/resolutions/" + unknown + "/" + route, TestTokens.delegate(CHAIR), null),
                    404, "RESOLUTION_NOT_FOUND");
        }
    }
}

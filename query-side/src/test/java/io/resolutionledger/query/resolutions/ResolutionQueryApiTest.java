package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The resolutions API over HTTP: state, versions, diffs, paging, filters, visibility, errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResolutionQueryApiTest extends QuerySideTest {

    private final String session = unique("s");
    private final String topic = unique("topic");
    private final String published = unique("r-pub");
    private final String draft = unique("r-draft");
    private final String member = Tokens.delegate("DE-BY");
    private Http http;

    @BeforeAll
    void recordHistory() {
        http = http();
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam", "DE-BE")
                .open(session, "DE-BE")
                .published(published, session, "Smart regions", List.of(topic, "green-it"), "DE-BB", "DE-BE")
                .propose(draft, session, "AI Act", "The federal government shall implement the act.",
                        List.of(topic), "DE-BY", "DE-NW")
                .amend(draft, 2, "The federal government shall implement the EU AI Act without delay.", "DE-BY")
                .resolution(new AmendmentTabled(ResolutionId.of(draft), AmendmentId.of("a1"), 2, null,
                        "The federal government shall implement the EU AI Act with the Länder without delay.",
                        "involve the Länder", code("DE-HE"), ledger.tick()))
                .resolution(new TabledAmendmentAccepted(ResolutionId.of(draft), AmendmentId.of("a1"), 3, null,
                        "The federal government shall implement the EU AI Act with the Länder without delay.",
                        code("DE-HE"), code("DE-BY"), ledger.tick()))
                .resolution(new CoSponsorJoined(ResolutionId.of(draft), code("DE-SN"), ledger.tick()));
        for (int i = 0; i < 25; i++) {
            ledger.propose(draft + "-" + i, session, "Filler " + i, "Text " + i, List.of(topic), "DE-TH");
        }
        ledger.append();
        await().atMost(Duration.ofSeconds(15)).until(() ->
                http.get("/api/resolutions?topic=" + topic + "&size=1", member).body().path("total").asInt() == 27
                        && http.get("/api/resolutions/" + draft, member).body().path("version").asInt() == 3
                        && http.get("/api/resolutions/" + draft, member).body().path("coSponsors").size() == 2);
    }

    @Test
    void a_member_reads_the_current_state_with_its_version_as_etag() {
        Http.Response response = http.get("/api/resolutions/" + draft, member);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"3\"");
        JsonNode body = response.body();
        assertThat(body.path("resolutionId").asText()).isEqualTo(draft);
        assertThat(body.path("title").asText()).isEqualTo("AI Act");
        assertThat(body.path("text").asText()).contains("with the Länder");
        assertThat(body.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(body.path("sponsor").asText()).isEqualTo("DE-BY");
        assertThat(body.path("coSponsors").toString()).isEqualTo("[\"DE-NW\",\"DE-SN\"]");
        assertThat(body.path("sessionId").asText()).isEqualTo(session);
        assertThat(body.path("topics").get(0).asText()).isEqualTo(topic);
        assertThat(body.has("createdAt")).isTrue();
        assertThat(body.has("updatedAt")).isTrue();
    }

    @Test
    void a_published_resolution_shows_its_tally_and_rule() {
        JsonNode body = http.get("/api/resolutions/" + published).body();

        assertThat(body.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(body.path("tally").path("yes").asInt()).isEqualTo(16);
        assertThat(body.path("rule").path("kind").asText()).isEqualTo("QUALIFIED_MAJORITY");
        assertThat(body.path("rule").path("minimumYes").asInt()).isEqualTo(13);
        assertThat(body.path("reference").asText()).isEqualTo("press release " + published);
    }

    @Test
    void anonymous_callers_see_only_published_resolutions() {
        assertThat(http.get("/api/resolutions/" + published).status()).isEqualTo(200);
        Http.Response hidden = http.get("/api/resolutions/" + draft);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.body().path("code").asText()).isEqualTo("RESOLUTION_NOT_FOUND");
        assertThat(http.get("/api/resolutions/" + draft + "/versions").status()).isEqualTo(404);

        JsonNode page = http.get("/api/resolutions?topic=" + topic).body();
        assertThat(page.path("total").asInt()).isEqualTo(1);
        assertThat(page.path("items").get(0).path("resolutionId").asText()).isEqualTo(published);
    }

    @Test
    void lists_are_paged_newest_first_with_a_stable_order() {
        JsonNode first = http.get("/api/resolutions?topic=" + topic + "&size=10", member).body();
        JsonNode third = http.get("/api/resolutions?topic=" + topic + "&size=10&page=2", member).body();

        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(10);
        assertThat(first.path("total").asInt()).isEqualTo(27);
        assertThat(first.path("items").size()).isEqualTo(10);
        assertThat(first.path("items").get(0).path("resolutionId").asText()).isEqualTo(draft + "-24");
        assertThat(third.path("items").size()).isEqualTo(7);
        assertThat(third.path("items").get(6).path("resolutionId").asText()).isEqualTo(published);
        List<String> all = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            http.get("/api/resolutions?topic=" + topic + "&size=10&page=" + p, member).body().path("items")
                    .forEach(i -> all.add(i.path("resolutionId").asText()));
        }
        assertThat(all).hasSize(27).doesNotHaveDuplicates();
        assertThat(http.get("/api/resolutions?size=200", member).status()).isEqualTo(200);
    }

    @Test
    void filters_by_status_session_delegation_and_topic() {
        assertThat(http.get("/api/resolutions?topic=" + topic + "&status=PUBLISHED", member).body().path("total")
                .asInt()).isEqualTo(1);
        assertThat(http.get("/api/resolutions?sessionId=" + session, member).body().path("total").asInt())
                .isEqualTo(27);
        JsonNode bySn = http.get("/api/resolutions?delegation=DE-SN&topic=" + topic, member).body();
        assertThat(bySn.path("total").asInt()).isEqualTo(1);
        assertThat(bySn.path("items").get(0).path("resolutionId").asText()).isEqualTo(draft);
        assertThat(http.get("/api/resolutions?delegation=DE-BB&topic=" + topic, member).body().path("total").asInt())
                .isEqualTo(1);
        assertThat(http.get("/api/resolutions?topic=green-it&sessionId=" + session, member).body().path("total")
                .asInt()).isEqualTo(1);
    }

    @Test
    void every_version_is_kept_and_diffs_are_word_level() {
        JsonNode versions = http.get("/api/resolutions/" + draft + "/versions", member).body();
        assertThat(versions.path("total").asInt()).isEqualTo(3);
        assertThat(versions.path("items").get(2).path("origin").asText()).isEqualTo("TABLED_AMENDMENT");
        assertThat(versions.path("items").get(2).path("author").asText()).isEqualTo("DE-HE");
        assertThat(versions.path("items").get(1).path("title").asText()).isEqualTo("AI Act");

        JsonNode v1 = http.get("/api/resolutions/" + draft + "/versions/1", member).body();
        assertThat(v1.path("text").asText()).isEqualTo("The federal government shall implement the act.");

        JsonNode diff = http.get("/api/resolutions/" + draft + "/versions/3/diff?against=2", member).body();
        assertThat(diff.path("from").asInt()).isEqualTo(2);
        assertThat(diff.path("to").asInt()).isEqualTo(3);
        assertThat(diff.path("unified").asText())
                .isEqualTo("The federal government shall implement the EU AI Act {+with the Länder +}without delay.");
        assertThat(diff.path("edits").get(1).path("op").asText()).isEqualTo("INSERT");
        assertThat(diff.path("edits").get(1).path("text").asText()).isEqualTo("with the Länder ");

        JsonNode defaultBase = http.get("/api/resolutions/" + draft + "/versions/2/diff", member).body();
        assertThat(defaultBase.path("from").asInt()).isEqualTo(1);
        assertThat(defaultBase.path("unified").asText()).isEqualTo(
                "The federal government shall implement the [-act.-]{+EU AI Act without delay.+}");
    }

    @Test
    void tabled_amendments_and_votes_are_listed_for_members() {
        JsonNode amendments = http.get("/api/resolutions/" + draft + "/tabled-amendments", member).body();
        assertThat(amendments.get(0).path("state").asText()).isEqualTo("ACCEPTED");
        assertThat(amendments.get(0).path("acceptedVersion").asInt()).isEqualTo(3);
        assertThat(http.get("/api/resolutions/" + published + "/votes", member).body().size()).isEqualTo(16);
    }

    @Test
    void unknown_ids_are_404_problem_details() {
        Http.Response unknown = http.get("/api/resolutions/no-such-thing", member);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.body().path("code").asText()).isEqualTo("RESOLUTION_NOT_FOUND");
        assertThat(unknown.body().has("trace")).isFalse();

        Http.Response version = http.get("/api/resolutions/" + draft + "/versions/9", member);
        assertThat(version.status()).isEqualTo(404);
        assertThat(version.body().path("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void bad_parameters_are_400_naming_the_field() {
        assertInvalid("/api/resolutions?size=201", "size");
        assertInvalid("/api/resolutions?size=0", "size");
        assertInvalid("/api/resolutions?page=-1", "page");
        assertInvalid("/api/resolutions?size=abc", "size");
        assertInvalid("/api/resolutions?status=DONE", "status");
        assertInvalid("/api/resolutions?delegation=bavaria", "delegation");
        assertInvalid("/api/resolutions/" + draft + "/versions/x", "version");
        assertInvalid("/api/resolutions/" + draft + "/versions/0", "version");
        assertInvalid("/api/resolutions/" + draft + "/versions/2/diff?against=zwei", "against");
        assertInvalid("/api/sessions?size=1000", "size");
    }

    @Test
    void a_bad_or_expired_token_is_401_even_where_anonymous_callers_may_read() {
        for (String token : List.of(Tokens.expired("DE-BY"), Tokens.foreign("DE-BY"), "not-a-jwt")) {
            Http.Response response = http.get("/api/resolutions/" + published, token);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().path("code").asText()).isEqualTo("UNAUTHENTICATED");
        }
    }

    private void assertInvalid(String path, String field) {
        Http.Response response = http.get(path, member);
        assertThat(response.status()).as(path).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("code").asText()).as(path).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").get(0).path("field").asText()).as(path).isEqualTo(field);
    }
}

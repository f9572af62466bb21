package io.resolutionledger.query.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.event.ResolutionWithdrawn;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.MEMBERS;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Sessions with agenda and outcomes, the chair's hand-overs and who held it on a day, the figures; over HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionsChairStatsApiTest extends QuerySideTest {

    private final String session = unique("dmk-2024-1");
    private final String topic = unique("ai");
    private final String adopted = unique("r-adopted");
    private final String withdrawn = unique("r-withdrawn");
    private final String pending = unique("r-pending");
    private final String member = Tokens.delegate("DE-RP");
    private Http http;

    @BeforeAll
    void recordHistory() {
        http = http();
        LedgerEvents ledger = ledger();
        ledger.conference(new ConferenceEstablished(DMK, "Digitalministerkonferenz", MEMBERS,
                        List.of(code("DE-BMDS"), code("DE-BSI")), null, ledger.tick()))
                .conference(new ChairHandedOver(DMK, 2024, List.of(), List.of(code("DE-BE"), code("DE-BB")),
                        LocalDate.parse("2024-01-01"), null, ledger.tick()))
                .conference(new ChairHandedOver(DMK, 2025, List.of(code("DE-BE"), code("DE-BB")),
                        List.of(code("DE-RP")), LocalDate.parse("2025-01-01"), code("DE-BE"), ledger.tick()))
                .schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam", "DE-BE")
                .open(session, "DE-BE")
                .published(adopted, session, "Digital participation", List.of(topic), "DE-NW", "DE-BE")
                .propose(withdrawn, session, "Broadband standards", "Text.", List.of(topic), "DE-NW", "DE-HH")
                .resolution(new ResolutionWithdrawn(ResolutionId.of(withdrawn), "later", code("DE-NW"), ledger.tick()))
                .propose(pending, session, "Measuring digital transformation", "Text.", List.of(topic, "data"),
                        "DE-HH")
                .openVote(pending, session, 1, "DE-BE")
                .votes(pending, 1, 5)
                .session(new SessionClosed(SessionId.of(session), code("DE-BE"), ledger.tick()))
                .append();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode s = http.get("/api/sessions/" + session, member).body();
            return "CLOSED".equals(s.path("status").asText()) && s.path("agenda").size() == 3
                    && s.path("agenda").get(2).path("tally").path("abstain").asInt() == 11
                    && http.get("/api/chair/handovers").body().size() >= 2
                    && http.get("/api/stats", member).body().path("byTopic").path(topic).asInt() == 3;
        });
    }

    @Test
    void a_session_shows_its_agenda_and_outcomes() {
        JsonNode body = http.get("/api/sessions/" + session, member).body();

        assertThat(body.path("number").asInt()).isEqualTo(1);
        assertThat(body.path("kind").asText()).isEqualTo("REGULAR");
        assertThat(body.path("date").asText()).isEqualTo("2024-04-19");
        assertThat(body.path("place").asText()).isEqualTo("Potsdam");
        assertThat(body.path("status").asText()).isEqualTo("CLOSED");
        assertThat(body.path("agenda").get(0).path("resolutionId").asText()).isEqualTo(adopted);
        assertThat(body.path("agenda").get(0).path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(body.path("agenda").get(0).path("tally").path("yes").asInt()).isEqualTo(16);
        assertThat(body.path("agenda").get(1).path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(body.path("agenda").get(2).path("status").asText()).isEqualTo("VOTING");
        assertThat(body.path("agenda").get(2).path("tally").path("yes").asInt()).isEqualTo(5);
        assertThat(body.path("outcomes").path("PUBLISHED").asInt()).isEqualTo(1);
        assertThat(body.path("outcomes").path("WITHDRAWN").asInt()).isEqualTo(1);
    }

    @Test
    void anonymous_callers_see_the_session_but_only_published_agenda_items() {
        JsonNode body = http.get("/api/sessions/" + session).body();

        assertThat(body.path("agenda").size()).isEqualTo(1);
        assertThat(body.path("agenda").get(0).path("resolutionId").asText()).isEqualTo(adopted);
        JsonNode page = http.get("/api/sessions?size=200").body();
        assertThat(page.path("items").findValuesAsText("sessionId")).contains(session);
    }

    @Test
    void an_unknown_session_is_a_404_problem() {
        Http.Response response = http.get("/api/sessions/no-such-session");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().path("code").asText()).isEqualTo("SESSION_NOT_FOUND");
    }

    @Test
    void the_chair_on_a_day_is_the_hand_over_in_force_then() {
        JsonNode joint = http.get("/api/chair?on=2024-04-19").body();
        assertThat(joint.path("holders").toString()).isEqualTo("[\"DE-BE\",\"DE-BB\"]");
        assertThat(joint.path("year").asInt()).isEqualTo(2024);

        JsonNode single = http.get("/api/chair?on=2025-03-01").body();
        assertThat(single.path("holders").toString()).isEqualTo("[\"DE-RP\"]");
        assertThat(single.path("since").asText()).isEqualTo("2025-01-01");

        assertThat(http.get("/api/chair?on=2023-11-09").body().path("holders").size()).isZero();
    }

    @Test
    void every_hand_over_is_listed_in_order() {
        List<JsonNode> handovers = new java.util.ArrayList<>();
        http.get("/api/chair/handovers").body().forEach(handovers::add);
        // in the order they took effect
        assertThat(handovers).extracting(h -> h.path("effectiveFrom").asText()).isSorted();
        // other tests hand the same conference's chair over too (e.g. the dashboard's 2024 one): this test's 2025
        // hand-over, and right before it the 2024 one it ended
        int ended = -1;
        for (int i = 0; i < handovers.size(); i++) {
            if (handovers.get(i).path("effectiveFrom").asText().equals("2025-01-01")
                    && handovers.get(i).path("to").toString().equals("[\"DE-RP\"]")) {
                ended = i;
            }
        }
        assertThat(ended).as(handovers.toString()).isPositive();
        assertThat(handovers.get(ended).path("from").toString()).isEqualTo("[\"DE-BE\",\"DE-BB\"]");
        assertThat(handovers.get(ended - 1).path("to").toString()).isEqualTo("[\"DE-BE\",\"DE-BB\"]");
        assertThat(handovers.get(ended - 1).path("effectiveFrom").asText()).isEqualTo("2024-01-01");
    }

    @Test
    void a_bad_date_is_a_400_naming_the_parameter() {
        Http.Response response = http.get("/api/chair?on=19.04.2024");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("on");
    }

    @Test
    void anonymous_figures_count_published_resolutions_only() {
        JsonNode stats = http.get("/api/stats").body();
        assertThat(stats.path("byTopic").path(topic).asInt()).as("only the published one of three").isEqualTo(1);
        assertThat(stats.path("byStatus").path("WITHDRAWN").asInt()).isZero();
        assertThat(stats.path("byStatus").path("VOTING").asInt()).isZero();
        assertThat(stats.path("byStatus").path("PROPOSED").asInt()).isZero();
        assertThat(stats.path("byDelegation").path("DE-NW").path("sponsored").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode all = http.get("/api/stats", member).body();
        assertThat(stats.path("byDelegation").path("DE-HH").path("sponsored").asInt())
                .as("the sponsor of an unpublished proposal").isLessThan(all.path("byDelegation").path("DE-HH")
                        .path("sponsored").asInt());
        assertThat(stats.path("total").asLong()).isEqualTo(stats.path("byStatus").path("PUBLISHED").asLong());
    }

    @Test
    void figures_count_by_status_topic_and_delegation() {
        JsonNode stats = http.get("/api/stats", member).body();

        assertThat(stats.path("byTopic").path(topic).asInt()).isEqualTo(3);
        assertThat(stats.path("byTopic").path("data").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("byStatus").path("WITHDRAWN").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("byStatus").path("VOTING").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("byDelegation").path("DE-NW").path("sponsored").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(stats.path("byDelegation").path("DE-HH").path("coSponsored").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("total").asLong()).isEqualTo(sum(stats.path("byStatus")));
    }

    @Test
    void health_is_public_metrics_only_for_administrators() {
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(http.get("/actuator/prometheus", Tokens.delegate("DE-BY")).status()).isEqualTo(403);
        Http.Response scrape = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + Tokens.admin()).GET().build());
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(http.get("/actuator/env", Tokens.delegate("DE-BY")).status()).isIn(403, 404);
    }

    private static long sum(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }

    @Test
    void the_conference_names_its_members_and_guests_for_anyone() {
        Http.Response r = http.get("/api/conference");
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().path("conferenceId").asText()).isEqualTo(DMK.value());
        assertThat(r.body().path("name").asText()).startsWith("Digitalministerkonferenz");
        List<String> members = new java.util.ArrayList<>();
        r.body().path("members").forEach(m -> members.add(m.asText()));
        assertThat(members).containsExactlyElementsOf(MEMBERS.stream().map(DelegationCode::value).toList());
        List<String> guests = new java.util.ArrayList<>();
        r.body().path("guests").forEach(g -> guests.add(g.asText()));
        assertThat(guests).contains("DE-BSI").doesNotContainAnyElementsOf(members);
        assertThat(r.body().path("establishedAt").asText()).isNotBlank();
    }
}

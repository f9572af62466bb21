package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** A resolution's state at any instant, rebuilt from the event store; the chair on a past day; the ledger proof. */
class ResolutionTimeTravelTest extends QuerySideTest {

    private static final Instant T1 = Instant.parse("2031-04-19T08:00:00Z");
    private static final Instant T2 = Instant.parse("2031-04-19T09:00:00Z");
    private static final Instant T3 = Instant.parse("2031-04-19T10:00:00Z");
    private static final Instant T4 = Instant.parse("2031-04-19T11:00:00Z");
    private static final Instant T5 = Instant.parse("2031-04-19T12:00:00Z");

    @Test
    void the_state_between_each_step_is_the_state_after_the_step_before() {
        String session = unique("s");
        String id = unique("r");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 7, LocalDate.parse("2031-04-19"), "Potsdam", "DE-BE").open(session, "DE-BE")
                .at(T1.minusSeconds(60)).propose(id, session, "AI Act", "Implement it.", List.of("ai"), "DE-BY", "DE-BW")
                .at(T2.minusSeconds(60)).amend(id, 2, "Implement it without delay.", "DE-BY")
                .at(T3.minusSeconds(60)).openVote(id, session, 2, "DE-BE")
                .votes(id, 2, 15)                       // 16 votes, each a minute later: T3 .. T3 + 15 min
                .at(T4.minusSeconds(60)).adopt(id, session, 2, 15, "DE-BE")
                .at(T5.minusSeconds(60)).publish(id, 2, "press release 7", "DE-BE")
                .append();
        awaitProjectionsCaughtUp();
        String member = Tokens.delegate("DE-HB");

        // each step's event carries the instant T1..T5 (the ledger's clock moves a minute before each event)
        assertThat(asOf(id, T1.minusSeconds(1), member).status()).isEqualTo(404);
        JsonNode proposed = asOf(id, T1.plusSeconds(1), member).body();
        assertThat(proposed.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(proposed.get("version").asLong()).isEqualTo(1);
        assertThat(proposed.get("text").asText()).isEqualTo("Implement it.");
        assertThat(proposed.get("coSponsors")).hasSize(1);
        assertThat(proposed.get("asOf").asText()).isEqualTo(T1.plusSeconds(1).toString());
        assertThat(proposed.has("tally")).isFalse();

        JsonNode amended = asOf(id, T2, member).body();
        assertThat(amended.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(amended.get("version").asLong()).isEqualTo(2);
        assertThat(amended.get("text").asText()).isEqualTo("Implement it without delay.");

        JsonNode voting = asOf(id, T3.plusSeconds(5 * 60), member).body();   // votes at T3 + 1 .. 16 min
        assertThat(voting.get("status").asText()).isEqualTo("VOTING");
        assertThat(voting.at("/tally/yes").asInt() + voting.at("/tally/abstain").asInt()).isEqualTo(5);
        assertThat(voting.at("/rule/kind").asText()).isEqualTo("QUALIFIED_MAJORITY");
        assertThat(voting.has("proof")).isFalse();

        JsonNode adopted = asOf(id, T4.plusSeconds(1), member).body();
        assertThat(adopted.get("status").asText()).isEqualTo("ADOPTED");
        assertThat(adopted.at("/tally/yes").asInt()).isEqualTo(15);
        assertThat(adopted.has("proof")).as("a bundle is offered once published").isFalse();

        // anonymous: nothing before publication, the published state after it
        assertThat(asOf(id, T4.plusSeconds(1), null).status()).isEqualTo(404);
        Http.Response published = asOf(id, T5, null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.body().get("reference").asText()).isEqualTo("press release 7");

        // folded "now" = the projection's answer, field for field
        JsonNode now = http().get("/api/resolutions/" + id, member).body();
        ObjectNode folded = (ObjectNode) asOf(id, Instant.parse("2099-01-01T00:00:00Z"), member).body().deepCopy();
        folded.remove("asOf");
        assertThat(folded).isEqualTo(now);

        // '+' not encoded by the client arrives as a space and is still understood; nonsense is a 400
        assertThat(http().get("/api/resolutions/" + id + "?asOf=2031-04-19T13:00:00+02:00", member).body()
                .get("status").asText()).isEqualTo("ADOPTED");
        Http.Response bad = http().get("/api/resolutions/" + id + "?asOf=yesterday", member);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void a_published_resolution_links_its_proof_bundle() {
        String session = unique("s");
        String id = unique("r");
        ledger().schedule(session, 8, LocalDate.parse("2031-10-24"), "Berlin", "DE-BE").open(session, "DE-BE")
                .published(id, session, "Broadband standards", List.of("broadband"), "DE-BB", "DE-BE")
                .append();
        awaitProjectionsCaughtUp();

        JsonNode resolution = http().get("/api/resolutions/" + id).body();
        assertThat(resolution.get("proof").asText()).isEqualTo("/api/resolutions/" + id + "/proof");
    }

    @Test
    void the_chair_on_a_past_day_is_folded_from_the_hand_overs() {
        LedgerEvents ledger = ledger();
        ledger.conference(new ChairHandedOver(DMK, 2040, List.of(), List.of(code("DE-SN")),
                        LocalDate.parse("2040-01-01"), null, ledger.tick()))
                .conference(new ChairHandedOver(DMK, 2041, List.of(code("DE-SN")), List.of(code("DE-ST"), code("DE-TH")),
                        LocalDate.parse("2041-01-01"), code("DE-SN"), ledger.tick()))
                .append();

        JsonNode in2040 = http().get("/api/chair?on=2040-12-31").body();
        assertThat(in2040.get("holders").toString()).isEqualTo("[\"DE-SN\"]");
        assertThat(in2040.get("year").asInt()).isEqualTo(2040);
        JsonNode in2041 = http().get("/api/chair?on=2041-06-30").body();
        assertThat(in2041.get("holders").toString()).isEqualTo("[\"DE-ST\",\"DE-TH\"]");
        assertThat(in2041.get("since").asText()).isEqualTo("2041-01-01");
        assertThat(in2041.get("on").asText()).isEqualTo("2041-06-30");
    }

    private Http.Response asOf(String id, Instant instant, String token) {
        return http().get("/api/resolutions/" + id + "?asOf=" + instant, token);
    }
}

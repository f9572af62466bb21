package io.resolutionledger.query.mandates;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the read side shows of a written procedure decided at its deadline, a resolution's addressees and partners,
 * and its mandates: on the resolution, in the mandates list (by owner, overdue), in the audit history, and to
 * anonymous readers only once published.
 */
class BetweenSessionsReadModelTest extends QuerySideTest {

    @Test
    void a_written_procedure_decided_at_its_deadline_with_addressees_and_mandates() throws Exception {
        String session = unique("dmk-between");
        String id = unique("r-written");
        ResolutionId r = ResolutionId.of(id);
        String owner = "DE-HE";
        String mandate = unique("m");
        String done = unique("m");
        Instant deadline = Instant.parse("2024-06-14T10:00:00Z");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 2, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(id, session, "Pilotstudie", "Die DMK beauftragt …", List.of("measurement"), "DE-BB")
                .resolution(new ResolutionAddressed(r, List.of("BUND"), List.of("WMK"), code("DE-BB"), ledger.tick()))
                .resolution(new WrittenProcedureOpened(r, deadline, code("DE-BE"), ledger.tick()))
                .resolution(new VoteOpened(r, SessionId.of(session), 1, "simple-majority", VotingRule.simpleMajority(9),
                        MEMBERS, code("DE-BE"), ledger.tick()))
                .votes(id, 1, 12)
                .resolution(new ResolutionAdopted(r, SessionId.of(session), 1, new Tally(12, 0, 4),
                        VotingRule.simpleMajority(9), DecidedBy.DEADLINE, null, deadline))
                .resolution(new MandateGiven(r, mandate, "Pilotstudie mit Bund und WMK", code(owner),
                        LocalDate.parse("2024-12-31"), code("DE-BE"), ledger.tick()))
                .resolution(new MandateGiven(r, done, "Bericht an die DMK", code(owner),
                        LocalDate.parse("2024-11-30"), code("DE-BE"), ledger.tick()))
                .resolution(new MandateReported(r, mandate, MandateStatus.IN_PROGRESS, "Ausschreibung läuft",
                        code(owner), ledger.tick()))
                .resolution(new MandateReported(r, done, MandateStatus.DONE, "berichtet", code(owner), ledger.tick()))
                .append();

        Http http = http();
        String member = Tokens.delegate("DE-RP");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode body = http.get("/api/resolutions/" + id, member).body();
            return body.path("mandates").size() == 2
                    && "IN_PROGRESS".equals(body.path("mandates").get(1).path("status").asText());
        });
        JsonNode resolution = http.get("/api/resolutions/" + id, member).body();
        assertThat(resolution.path("status").asText()).isEqualTo("ADOPTED");
        assertThat(resolution.path("procedure").asText()).isEqualTo("WRITTEN");
        assertThat(resolution.path("deadline").asText()).isEqualTo("2024-06-14T10:00:00Z");
        assertThat(resolution.path("decidedBy").asText()).isEqualTo("DEADLINE");
        assertThat(resolution.path("addressees")).extracting(JsonNode::asText).containsExactly("BUND");
        assertThat(resolution.path("partners")).extracting(JsonNode::asText).containsExactly("WMK");
        JsonNode first = resolution.path("mandates").get(0);
        assertThat(first.path("mandateId").asText()).isEqualTo(done);
        assertThat(first.path("status").asText()).isEqualTo("DONE");
        assertThat(first.path("overdue").asBoolean()).isFalse();

        // both are due in 2024: the one not done is overdue, by its owner as well
        JsonNode overdue = http.get("/api/mandates?overdue=true&owner=" + owner + "&size=200", member).body();
        assertThat(overdue.path("items")).extracting(m -> m.path("mandateId").asText()).contains(mandate)
                .doesNotContain(done);
        JsonNode item = itemOf(overdue, mandate);
        assertThat(item.path("resolutionId").asText()).isEqualTo(id);
        assertThat(item.path("task").asText()).isEqualTo("Pilotstudie mit Bund und WMK");
        assertThat(item.path("owner").asText()).isEqualTo(owner);
        assertThat(item.path("due").asText()).isEqualTo("2024-12-31");
        assertThat(item.path("overdue").asBoolean()).isTrue();
        assertThat(http.get("/api/mandates?owner=DE-SL", member).body().path("items")).extracting(
                m -> m.path("mandateId").asText()).doesNotContain(mandate, done);

        // not published: anonymous readers see neither the resolution nor its mandates
        assertThat(http.get("/api/resolutions/" + id).status()).isEqualTo(404);
        assertThat(http.get("/api/mandates?owner=" + owner + "&size=200").body().path("items"))
                .extracting(m -> m.path("mandateId").asText()).doesNotContain(mandate, done);
        assertThat(http.get("/api/mandates?owner=nobody", member).status()).isEqualTo(400);

        // the audit history has every step, the ledger's own decision without an actor
        JsonNode history = http.get("/api/resolutions/" + id + "/history", Tokens.auditor()).body();
        assertThat(history.toString()).contains("WrittenProcedureOpened", "ResolutionAddressed", "MandateGiven",
                "MandateReported");

        ledger.publish(id, 1, "DMK Umlauf 1/2024", "DE-BE").append();
        await().atMost(Duration.ofSeconds(15)).until(() -> http.get("/api/resolutions/" + id).status() == 200);
        assertThat(http.get("/api/resolutions/" + id).body().path("mandates").size()).isEqualTo(2);
        assertThat(http.get("/api/mandates?owner=" + owner + "&size=200").body().path("items"))
                .extracting(m -> m.path("mandateId").asText()).contains(mandate, done);

        // the Akoma Ntoso document names its addressees and partners, and stays valid against the OASIS schema
        HttpResponse<String> akn = Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/resolutions/" + id + "/akn")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(akn.statusCode()).isEqualTo(200);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/standards/akoma-ntoso-3.0/akomantoso30.xsd")).newValidator()
                .validate(new StreamSource(new StringReader(akn.body())));
        assertThat(akn.body()).contains("<p class=\"addressees\">Adressaten: <organization refersTo=\"#addressee_bund\">BUND</organization></p>")
                .contains("<organization refersTo=\"#partner_wmk\">WMK</organization>")
                .contains("eId=\"addressee_bund\"").contains("eId=\"partner_wmk\"");
    }

    private static JsonNode itemOf(JsonNode page, String mandateId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("mandateId").asText().equals(mandateId)) {
                return item;
            }
        }
        throw new AssertionError("no mandate " + mandateId + " in " + page);
    }
}

package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code …/versions/{n}/diff?format=lines}: line-numbered hunks over HTTP, with the usual visibility and errors. */
class LineDiffApiTest extends QuerySideTest {

    @Test
    void an_amendment_shows_as_line_numbered_hunks() {
        String session = unique("s");
        String id = unique("r");
        String v1 = "Die Länder vereinbaren:\nErstens die Messung.\nZweitens die Pilotstudie.\nDrittens den Bericht.";
        String v2 = "Die Länder vereinbaren:\nErstens die unabhängige Messung.\nZweitens die Pilotstudie.\n"
                + "Drittens den Bericht.\nViertens die Fortschreibung.";
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 7, java.time.LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(id, session, "Messung", v1, List.of("monitoring"), "DE-BY")
                .amend(id, 2, v2, "DE-BY")
                .append();
        Http http = http();
        String member = Tokens.delegate("DE-BY");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                http.get("/api/resolutions/" + id + "/versions/2", member).status() == 200);

        Http.Response response = http.get("/api/resolutions/" + id + "/versions/2/diff?format=lines", member);
        assertThat(response.status()).isEqualTo(200);
        JsonNode diff = response.body();
        assertThat(diff.path("from").asLong()).isEqualTo(1);
        assertThat(diff.path("to").asLong()).isEqualTo(2);
        assertThat(diff.path("lineLength").asInt()).isEqualTo(80);
        assertThat(diff.path("toLines").asInt()).isEqualTo(5);
        JsonNode hunk = diff.path("hunks").get(0);
        assertThat(hunk.path("fromLine").asInt()).isEqualTo(1);
        JsonNode lines = hunk.path("lines");
        assertThat(lines.toString()).contains("{\"op\":\"DELETE\",\"from\":2,\"text\":\"Erstens die Messung.\"}")
                .contains("{\"op\":\"INSERT\",\"to\":2,\"text\":\"Erstens die unabhängige Messung.\"}")
                .contains("{\"op\":\"INSERT\",\"to\":5,\"text\":\"Viertens die Fortschreibung.\"}");

        // the word diff stays the default
        assertThat(http.get("/api/resolutions/" + id + "/versions/2/diff", member).body().path("unified").asText())
                .contains("{+unabhängige +}");
        assertThat(http.get("/api/resolutions/" + id + "/versions/2/diff?format=words", member).status()).isEqualTo(200);
        Http.Response bad = http.get("/api/resolutions/" + id + "/versions/2/diff?format=pdf", member);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(http.get("/api/resolutions/" + id + "/versions/2/diff?format=lines&against=9", member).status())
                .isEqualTo(404);
        // not published: anonymous readers do not see it in any format
        assertThat(http.get("/api/resolutions/" + id + "/versions/2/diff?format=lines").status()).isEqualTo(404);
        assertThat(http.get("/api/resolutions/" + id + "/versions/2/lines").status()).isEqualTo(404);

        // the text itself, line by line, with the numbers the hunks name
        Http.Response printed = http.get("/api/resolutions/" + id + "/versions/2/lines", member);
        assertThat(printed.status()).isEqualTo(200);
        assertThat(printed.body().path("version").asLong()).isEqualTo(2);
        assertThat(printed.body().path("lines").get(1).toString())
                .isEqualTo("{\"number\":2,\"text\":\"Erstens die unabhängige Messung.\",\"paragraphStart\":false}");
        assertThat(printed.body().path("lines").size()).isEqualTo(5);
        assertThat(http.get("/api/resolutions/" + id + "/versions/9/lines", member).status()).isEqualTo(404);
        assertThat(http.get("/api/resolutions/" + id + "/versions/0/lines", member).status()).isEqualTo(400);
    }
}

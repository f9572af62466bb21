package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole log streamed as JSON lines or CSV: more events than one cursor fetch (500), in order, each line hashed. */
class LedgerExportTest extends QuerySideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_export_streams_every_event_in_log_order_with_its_leaf_and_line_hash() throws Exception {
        String session = unique("s");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 6, LocalDate.parse("2025-06-01"), "Kiel", "DE-RP").open(session, "DE-RP").append();
        for (int i = 0; i < 60; i++) {  // 60 x 20 = 1,200 events
            ledger.published(unique("r"), session, "Export \"" + i + "\", with a comma", List.of("t"), "DE-SH",
                    "DE-RP");
        }
        ledger.append();
        awaitLogged();
        Map<String, Object> store = jdbc.queryForMap(
                "SELECT count(*) AS n, min(global_index) AS first, max(global_index) AS last "
                        + "FROM ledger_write.domain_event_entry");
        long events = ((Number) store.get("n")).longValue();
        assertThat(events).isGreaterThan(1_200);

        HttpResponse<String> jsonl = download("jsonl");
        assertThat(jsonl.statusCode()).isEqualTo(200);
        assertThat(jsonl.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        String[] lines = jsonl.body().split("\n");
        assertThat(lines).hasSize((int) events);
        List<Long> order = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            order.add(node.get("globalIndex").asLong());
            String content = line.substring(0, line.lastIndexOf(",\"lineSha256\":")) + "}";
            assertThat(node.get("lineSha256").asText()).isEqualTo(LedgerExport.sha256(content));
            assertThat(node.get("logIndex").asLong()).isEqualTo(order.size() - 1);
            assertThat(io.resolutionledger.api.proof.LedgerLeaf.parse(java.util.Base64.getDecoder()
                    .decode(node.get("leaf").asText())).eventId()).isEqualTo(node.get("eventIdentifier").asText());
        }
        assertThat(order).isSorted().doesNotHaveDuplicates();
        assertThat(order.get(0)).isEqualTo(((Number) store.get("first")).longValue());
        assertThat(order.get(order.size() - 1)).isEqualTo(((Number) store.get("last")).longValue());
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertThat(last.get("leaf").asText()).isNotEmpty();
        assertThat(last.get("type").asText()).isEqualTo("ResolutionPublished");
        assertThat(last.at("/payload/publicationReference").asText()).startsWith("press release");

        HttpResponse<String> csv = download("csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows).hasSize((int) events + 1);
        assertThat(rows[0]).startsWith("globalIndex,eventIdentifier,").endsWith(",logIndex,leaf,lineSha256");
        for (int i = 1; i < rows.length; i++) {
            String row = rows[i];
            int cut = row.lastIndexOf(',');
            assertThat(row.substring(cut + 1)).isEqualTo(LedgerExport.sha256(row.substring(0, cut)));
            assertThat(row).startsWith(order.get(i - 1) + ",");
        }
        // RFC 4180: the payload (with quotes and commas) is one quoted field, its quotes doubled
        assertThat(csv.body()).contains("\"\"title\"\":\"\"Export \\\"\"59\\\"\", with a comma\"\"");

        Http.Response bad = http().get("/api/audit/export?format=xml", Tokens.auditor());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        assertThat(http().get("/api/audit/export?format=csv", Tokens.delegate("DE-BY")).status()).isEqualTo(403);
    }

    private HttpResponse<String> download(String format) throws Exception {
        return Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/audit/export?format=" + format)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.auditor()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

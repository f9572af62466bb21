package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Time travel on both clocks, on the real store: a session of 2024 recorded after the fact on 2024-06-01 (business
 * time April, recording time June), its publication learnt a day later.
 */
class BitemporalReadsTest extends QuerySideTest {

    static final Instant PROPOSED = Instant.parse("2024-03-10T09:00:00Z");
    static final Instant VOTE = Instant.parse("2024-04-19T09:00:00Z");
    static final Instant ADOPTED = Instant.parse("2024-04-19T11:00:00Z");
    static final Instant PUBLISHED = Instant.parse("2024-04-22T10:00:00Z");
    static final Instant IMPORTED = Instant.parse("2024-06-01T08:00:00Z");
    static final Instant PUBLICATION_LEARNT = Instant.parse("2024-06-02T08:00:00Z");

    private String session;
    private String id;

    private void recordAfterTheFact() {
        session = unique("s");
        id = unique("r");
        ledger().recordedAt(IMPORTED).imported("import-1")
                .at(PROPOSED.minusSeconds(7200)).schedule(session, 1, LocalDate.parse("2024-04-19"), "Potsdam", "DE-BE")
                .at(PROPOSED.minusSeconds(60)).propose(id, session, "Smart Region", "Daten nutzen.", List.of("smart-city"),
                        "DE-BY")
                .at(VOTE.minusSeconds(120)).open(session, "DE-BE")
                .openVote(id, session, 1, "DE-BE")
                .votes(id, 1, 16)
                .at(ADOPTED.minusSeconds(60)).adopt(id, session, 1, 16, "DE-BE")
                .append();
        ledger().recordedAt(PUBLICATION_LEARNT).at(PUBLISHED.minusSeconds(60)).publish(id, 1, "DMK 2024-04-19 Nr. 1",
                "DE-BE").append();
        awaitProjectionsCaughtUp();
    }

    private Http.Response resolution(String query, String token) {
        return http().get("/api/resolutions/" + id + "?" + query, token);
    }

    private List<String> listed(String query, String token) {
        JsonNode page = http().get("/api/resolutions?sessionId=" + session + "&" + query, token).body();
        List<String> statuses = new ArrayList<>();
        page.get("items").forEach(item -> {
            assertThat(item.get("resolutionId").asText()).isEqualTo(id);
            statuses.add(item.get("status").asText());
        });
        assertThat(page.get("total").asLong()).isEqualTo(statuses.size());
        return statuses;
    }

    @Test
    void asOfIsBusinessTimeKnownAtIsRecordingTimeAndBothCombine() {
        recordAfterTheFact();
        String member = Tokens.delegate("DE-HB");

        // business time: what had happened by then, whenever the ledger learnt it
        assertThat(resolution("asOf=" + PROPOSED.minusSeconds(1), member).status()).isEqualTo(404);
        assertThat(resolution("asOf=" + PROPOSED, member).body().get("status").asText()).isEqualTo("PROPOSED");
        JsonNode adopted = resolution("asOf=" + ADOPTED, member).body();
        assertThat(adopted.get("status").asText()).isEqualTo("ADOPTED");
        assertThat(adopted.get("asOf").asText()).isEqualTo(ADOPTED.toString());
        assertThat(adopted.has("knownAt")).isFalse();

        // recording time: what the ledger showed then; before the import it knew nothing of it
        assertThat(resolution("knownAt=" + IMPORTED.minusSeconds(1), member).status()).isEqualTo(404);
        JsonNode knownInJune = resolution("knownAt=2024-06-01T12:00:00Z", member).body();
        assertThat(knownInJune.get("status").asText()).isEqualTo("ADOPTED");
        assertThat(knownInJune.get("knownAt").asText()).isEqualTo("2024-06-01T12:00:00Z");
        assertThat(resolution("knownAt=" + PUBLICATION_LEARNT, member).body().get("status").asText())
                .isEqualTo("PUBLISHED");

        // both: what the ledger of 2024-06-02 said had happened by 2024-03-15, and by 2024-04-20
        assertThat(resolution("asOf=2024-03-15T00:00:00Z&knownAt=" + PUBLICATION_LEARNT, member).body()
                .get("status").asText()).isEqualTo("PROPOSED");
        assertThat(resolution("asOf=2024-04-20T00:00:00%2B02:00&knownAt=2024-06-01T12:00:00Z", member).body()
                .get("status").asText()).isEqualTo("ADOPTED");

        // the same point on the list, from the same fold
        assertThat(listed("knownAt=2024-05-31T00:00:00Z", member)).isEmpty();
        assertThat(listed("knownAt=2024-06-01T12:00:00Z", member)).containsExactly("ADOPTED");
        assertThat(listed("asOf=2024-03-15T00:00:00Z", member)).containsExactly("PROPOSED");
        assertThat(listed("asOf=2024-03-15T00:00:00Z&status=ADOPTED", member)).isEmpty();
        assertThat(listed("asOf=2024-04-20T00:00:00Z&knownAt=2024-06-01T12:00:00Z&topic=smart-city", member))
                .containsExactly("ADOPTED");

        // anonymous readers see only what was published at that point
        assertThat(resolution("knownAt=2024-06-01T12:00:00Z", null).status()).isEqualTo(404);
        assertThat(resolution("knownAt=" + PUBLICATION_LEARNT, null).status()).isEqualTo(200);
        assertThat(listed("knownAt=2024-06-01T12:00:00Z", null)).isEmpty();
        assertThat(listed("asOf=2099-01-01T00:00:00Z", null)).containsExactly("PUBLISHED");
    }

    @Test
    void theHistoryShowsThatItWasImportedWhoImportedAndWhen() {
        recordAfterTheFact();
        JsonNode history = http().get("/api/resolutions/" + id + "/history", Tokens.auditor()).body();
        JsonNode first = history.get("events").get(0);
        assertThat(first.get("importId").asText()).isEqualTo("import-1");
        assertThat(first.get("occurredAt").asText()).isEqualTo(PROPOSED.toString());
        assertThat(first.get("recordedAt").asText()).isEqualTo(IMPORTED.plusSeconds(1).toString());
        assertThat(first.get("user").asText()).isNotBlank();
    }

    @Test
    void aBadPointInTimeIs400() {
        recordAfterTheFact();
        Http.Response bad = resolution("knownAt=last-week", Tokens.delegate("DE-HB"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        Http.Response search = http().get("/api/resolutions?q=Smart&knownAt=2024-06-01T12:00:00Z",
                Tokens.delegate("DE-HB"));
        assertThat(search.status()).isEqualTo(400);
    }
}

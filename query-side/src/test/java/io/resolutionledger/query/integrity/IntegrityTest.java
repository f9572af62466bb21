package io.resolutionledger.query.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IntegrityTest extends QuerySideTest {

    @Test
    void the_chain_verifies_and_breaks_exactly_where_a_stored_event_was_edited() {
        String session = LedgerEvents.unique("s");
        String resolution = LedgerEvents.unique("r");
        ledger().schedule(session, 1, LocalDate.of(2024, 4, 19), "Potsdam", "DE-BE").open(session, "DE-BE")
                .propose(resolution, session, "Titel", "Text", List.of("t"), "DE-BY")
                .amend(resolution, 2, "Text 2", "DE-BY")
                .openVote(resolution, session, 2, "DE-BE")
                .votes(resolution, 2, 14)
                .append();
        awaitChained();

        JsonNode valid = verify();
        assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.get("unchained").asLong()).isZero();
        assertThat(valid.get("events").asLong()).isEqualTo(storedEvents());
        assertThat(valid.get("head").asText()).hasSize(64);

        // an insider edits the text of the amendment directly in PostgreSQL
        var tampered = jdbc.queryForMap("SELECT global_index, event_identifier, payload FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 1", resolution);
        byte[] original = (byte[]) tampered.get("payload");
        jdbc.update("UPDATE ledger_write.domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),"
                + " 'Text 2', 'Text 3'), 'UTF8') WHERE event_identifier = ?", tampered.get("event_identifier"));
        try {
            JsonNode broken = verify();
            assertThat(broken.get("valid").asBoolean()).isFalse();
            assertThat(broken.at("/brokenAt/globalIndex").asLong()).isEqualTo(((Number) tampered.get("global_index")).longValue());
            assertThat(broken.at("/brokenAt/eventIdentifier").asText()).isEqualTo(tampered.get("event_identifier"));
        } finally {
            jdbc.update("UPDATE ledger_write.domain_event_entry SET payload = ? WHERE event_identifier = ?", original,
                    tampered.get("event_identifier"));
        }
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void only_auditors_verify() {
        assertThat(http().get("/api/audit/verify", null).status()).isEqualTo(401);
        assertThat(http().get("/api/audit/verify", Tokens.delegate("DE-BY")).status()).isEqualTo(403);
    }

    private JsonNode verify() {
        var response = http().get("/api/audit/verify", Tokens.auditor());
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class);
    }

    private void awaitChained() {
        long head = jdbc.queryForObject("SELECT max(global_index) FROM ledger_write.domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> processing
                .eventProcessor(IntegrityConfig.GROUP, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().values().stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= head));
    }
}

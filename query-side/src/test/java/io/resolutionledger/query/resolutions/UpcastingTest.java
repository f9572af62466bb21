package io.resolutionledger.query.resolutions;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.event.ResolutionPublished;
import io.resolutionledger.query.eventstore.StoreNotifications;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code ResolutionPublished} stored in its first shape ({@code reference}, revision 1), as the command side wrote
 * it before revision 2, reads in the current shape everywhere on the read side: the projection, the history, time
 * travel and the live path, all through the storage engine's upcaster chain.
 */
class UpcastingTest extends QuerySideTest {

    @Test
    void a_stored_revision_1_publication_reads_as_revision_2_through_the_whole_read_side() throws IOException {
        String session = unique("s");
        String id = unique("r");
        ledger().schedule(session, 1, java.time.LocalDate.parse("2024-04-19"), "Potsdam", "DE-BB")
                .propose(id, session, "Open data", "The conference resolves: open data.", java.util.List.of("data"),
                        "DE-BE")
                .openVote(id, session, 1, "DE-BB").votes(id, 1, 16).adopt(id, session, 1, 16, "DE-BB").append();
        storeRevision1Publication(id);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode resolution = http().get("/api/resolutions/" + id, Tokens.delegate("DE-BY")).body();
            assertThat(resolution.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(resolution.path("reference").asText()).isEqualTo("Digitales Brandenburg, 2024-04-19");
        });

        JsonNode history = http().get("/api/resolutions/" + id + "/history", Tokens.auditor()).body();
        JsonNode published = history.path("events").get(history.path("events").size() - 1);
        assertThat(published.path("type").asText()).isEqualTo("ResolutionPublished");
        assertThat(published.path("payloadRevision").asText()).isEqualTo("2");
        assertThat(published.at("/payload/publicationReference").asText())
                .isEqualTo("Digitales Brandenburg, 2024-04-19");
        assertThat(published.at("/payload/reference").isMissingNode()).isTrue();

        JsonNode asOf = http().get("/api/resolutions/" + id + "?asOf=2030-01-01T00:00:00Z", Tokens.delegate("DE-BY"))
                .body();
        assertThat(asOf.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(asOf.path("reference").asText()).isEqualTo("Digitales Brandenburg, 2024-04-19");
    }

    /** Writes the fixture as the command side's storage engine wrote revision 1: the row, byte for byte. */
    private void storeRevision1Publication(String id) throws IOException {
        String payload;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/ResolutionPublished.r1.json")) {
            payload = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("RESOLUTION_ID", id);
        }
        Long sequence = jdbc.queryForObject("SELECT max(sequence_number) + 1 FROM ledger_write.domain_event_entry "
                + "WHERE aggregate_identifier = ?", Long.class, id);
        jdbc.update("""
                INSERT INTO ledger_write.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Resolution', '2024-04-19T10:15:30.123Z', ?, '1', ?, ?)
                """, UUID.randomUUID().toString(), id, sequence, ResolutionPublished.class.getName(),
                payload.getBytes(StandardCharsets.UTF_8),
                "{\"user\":\"user-de-be\",\"delegation\":\"DE-BE\"}".getBytes(StandardCharsets.UTF_8));
        jdbc.execute("SELECT pg_notify('" + StoreNotifications.CHANNEL + "', '')");
    }
}

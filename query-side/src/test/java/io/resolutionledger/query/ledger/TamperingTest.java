package io.resolutionledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.proof.CompactRange;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An insider with every right on the database changes history; {@code /api/audit/verify} must say where, at the log
 * index of the change, and be valid again once the store is put back. One test per kind of change: a payload edited,
 * the same with the stored tree rewritten to match (only the signed checkpoints give it away), an event deleted, one
 * inserted into a gap of the global index, two events swapped.
 */
class TamperingTest extends QuerySideTest {

    @Autowired
    private LeafReader reader;

    private JsonNode verify() {
        return http().get("/api/audit/verify", Tokens.auditor()).body();
    }

    private void issueCheckpoint() {
        try {
            HttpResponse<String> answer = Http.client().send(HttpRequest.newBuilder(URI.create("http://localhost:"
                            + port + "/api/ledger/checkpoints")).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + Tokens.auditor()).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(201);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Appends one new resolution (one event) between two checkpoints; answers its log index. */
    private long oneSignedEvent(String resolution) {
        String session = unique("s");
        ledger().schedule(session, 2, LocalDate.parse("2029-04-19"), "Erfurt", "DE-TH").append();
        awaitLogged();
        issueCheckpoint();
        ledger().propose(resolution, session, "Titel", "Originaltext", List.of("t"), "DE-TH").append();
        long size = awaitLogged();
        issueCheckpoint();
        assertThat(verify().get("valid").asBoolean()).as("valid before the change").isTrue();
        long index = jdbc.queryForObject("SELECT log_index FROM ledger_read.log_leaf WHERE aggregate_identifier = ?",
                Long.class, resolution);
        assertThat(index).isEqualTo(size - 1);
        return index;
    }

    private Map<String, Object> row(String aggregate) {
        return jdbc.queryForMap("SELECT * FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ? "
                + "AND sequence_number = 0", aggregate);
    }

    private void assertFoundAt(long index, String reasonPart) {
        JsonNode broken = verify();
        assertThat(broken.get("valid").asBoolean()).as(broken.toString()).isFalse();
        assertThat(broken.at("/firstMismatch/index").asLong()).as(broken.toString()).isEqualTo(index);
        assertThat(broken.at("/firstMismatch/reason").asText()).contains(reasonPart);
    }

    private void edit(String aggregate, String from, String to) {
        jdbc.update("UPDATE ledger_write.domain_event_entry SET payload = convert_to(replace(convert_from(payload, "
                + "'UTF8'), ?, ?), 'UTF8') WHERE aggregate_identifier = ? AND sequence_number = 0", from, to, aggregate);
    }

    @Test
    void an_edited_payload_is_found_at_its_log_index() {
        String resolution = unique("r");
        long index = oneSignedEvent(resolution);
        edit(resolution, "Originaltext", "Gefälscht");
        try {
            assertFoundAt(index, "bytes were changed");
        } finally {
            edit(resolution, "Gefälscht", "Originaltext");
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    void an_unknown_field_added_to_a_payload_is_found_too() {
        String resolution = unique("r");
        long index = oneSignedEvent(resolution);
        edit(resolution, "\"title\":", "\"forged\":true,\"title\":");
        try {
            assertFoundAt(index, "bytes were changed");
        } finally {
            edit(resolution, "\"forged\":true,\"title\":", "\"title\":");
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    void an_edited_payload_with_the_stored_tree_rewritten_is_found_by_the_signed_checkpoints() {
        String resolution = unique("r");
        long index = oneSignedEvent(resolution);
        edit(resolution, "Originaltext", "Gefälscht");
        rewriteStoredTree();
        try {
            JsonNode broken = verify();
            assertFoundAt(index, "no longer produce the root signed in checkpoint " + (index + 1));
            assertThat(broken.at("/firstMismatch/upTo").asLong()).isEqualTo(index);
        } finally {
            edit(resolution, "Gefälscht", "Originaltext");
            rewriteStoredTree();
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    void a_deleted_event_is_found_at_its_log_index() {
        String resolution = unique("r");
        long index = oneSignedEvent(resolution);
        Map<String, Object> row = row(resolution);
        jdbc.update("DELETE FROM ledger_write.domain_event_entry WHERE event_identifier = ?", row.get("event_identifier"));
        try {
            assertFoundAt(index, "deleted");
        } finally {
            insert(row);
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    void an_event_inserted_into_a_gap_of_the_global_index_is_found_at_the_log_index_it_pushes_away() {
        long gap = jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('ledger_write.domain_event_entry', "
                + "'global_index'))", Long.class);
        String resolution = unique("r");
        long index = oneSignedEvent(resolution); // the log waited for the gap's grace, then went on after it
        assertThat(jdbc.queryForObject("SELECT min(log_index) FROM ledger_read.log_leaf WHERE global_index > ?",
                Long.class, gap)).isLessThanOrEqualTo(index);
        long pushed = jdbc.queryForObject("SELECT min(log_index) FROM ledger_read.log_leaf WHERE global_index > ?",
                Long.class, gap);
        Map<String, Object> forged = new java.util.HashMap<>(row(resolution));
        forged.put("global_index", gap);
        forged.put("event_identifier", java.util.UUID.randomUUID().toString());
        forged.put("aggregate_identifier", unique("forged"));
        insert(forged);
        try {
            assertFoundAt(pushed, "removed, inserted or moved");
        } finally {
            jdbc.update("DELETE FROM ledger_write.domain_event_entry WHERE global_index = ?", gap);
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    @Test
    void two_swapped_events_are_found_at_the_first_of_them() {
        String first = unique("r");
        long index = oneSignedEvent(first);
        String second = unique("r");
        String session = jdbc.queryForObject("SELECT aggregate_identifier FROM ledger_read.log_leaf WHERE log_index = ?",
                String.class, index - 1);
        ledger().propose(second, session, "Titel 2", "Text 2", List.of("t"), "DE-TH").append();
        awaitLogged();
        long a = jdbc.queryForObject("SELECT global_index FROM ledger_read.log_leaf WHERE log_index = ?", Long.class, index);
        long b = jdbc.queryForObject("SELECT global_index FROM ledger_read.log_leaf WHERE log_index = ?", Long.class,
                index + 1);
        swap(a, b);
        try {
            assertFoundAt(index, "removed, inserted or moved");
        } finally {
            swap(a, b);
        }
        JsonNode after = verify();
        assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
    }

    private void swap(long a, long b) {
        jdbc.update("UPDATE ledger_write.domain_event_entry SET global_index = -1 WHERE global_index = ?", a);
        jdbc.update("UPDATE ledger_write.domain_event_entry SET global_index = ? WHERE global_index = ?", a, b);
        jdbc.update("UPDATE ledger_write.domain_event_entry SET global_index = ? WHERE global_index = -1", b);
    }

    private void insert(Map<String, Object> row) {
        jdbc.update("INSERT INTO ledger_write.domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"), row.get("event_identifier"),
                row.get("aggregate_identifier"), row.get("sequence_number"), row.get("type"), row.get("time_stamp"),
                row.get("payload_type"), row.get("payload_revision"), row.get("payload"), row.get("meta_data"));
    }

    /** What an insider who knows the scheme does next: recompute every stored hash from the edited events. */
    private void rewriteStoredTree() {
        long size = jdbc.queryForObject("SELECT count(*) FROM ledger_read.log_leaf", Long.class);
        CompactRange range = new CompactRange();
        List<Object[]> nodes = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openAfter(-1)) {
            while (range.size() < size && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                range.append(reader.leaf(range.size(), event).hash())
                        .forEach(c -> nodes.add(new Object[]{(short) c.node().level(), c.node().index(), c.hash()}));
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(range.size()).isEqualTo(size);
        jdbc.update("DELETE FROM ledger_read.log_node");
        jdbc.batchUpdate("INSERT INTO ledger_read.log_node (level, node_index, hash) VALUES (?, ?, ?)", nodes);
    }
}

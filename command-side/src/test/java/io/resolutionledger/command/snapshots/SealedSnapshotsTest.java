package io.resolutionledger.command.snapshots;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Snapshots are checked against the events they summarise before an aggregate trusts them. Whoever can write to the
 * database edits a snapshot (a vote turned round in the aggregate's state), or an event under it: the seal no longer
 * matches, Axon's event store skips the snapshot and the aggregate is rebuilt from its events; put back, the snapshot
 * is trusted again. (The tests connect with a role that may edit both tables, as an insider could.)
 */
class SealedSnapshotsTest extends CommandHttpTestSupport {

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStorageEngine engine;

    /** A resolution with enough events for the test configuration's snapshot threshold (5); answers its id. */
    private String snapshotted() {
        String resolution = inVoting();
        for (String member : MEMBERS.subList(0, 6)) {
            vote(resolution, member, "YES");
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM ledger_write.snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                resolution) > 0);
        return resolution;
    }

    /** The first message Axon's event store hands the repository: the snapshot when it is trusted. */
    private DomainEventMessage<?> firstLoaded(String resolution) {
        return eventStore.readEvents(resolution).next();
    }

    private static boolean isSnapshot(DomainEventMessage<?> message) {
        return message.getPayloadType().getSimpleName().equals("Resolution");
    }

    private void editSnapshot(String resolution, String from, String to) {
        int rows = jdbc.update("UPDATE ledger_write.snapshot_event_entry SET payload = convert_to(replace("
                + "convert_from(payload, 'UTF8'), ?, ?), 'UTF8') WHERE aggregate_identifier = ?", from, to, resolution);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void a_sealed_snapshot_is_trusted_and_an_edited_one_is_not() {
        String resolution = snapshotted();
        DomainEventMessage<?> trusted = firstLoaded(resolution);
        assertThat(isSnapshot(trusted)).as("the untouched snapshot is used").isTrue();
        long rejectedBefore = ((SealedSnapshotStorageEngine) engine).rejectedSnapshots();

        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM "
                + "ledger_write.snapshot_event_entry WHERE aggregate_identifier = ?", String.class, resolution);
        assertThat(payload).contains("\"YES\"");
        editSnapshot(resolution, "\"YES\"", "\"NO\"");
        try {
            DomainEventMessage<?> loaded = firstLoaded(resolution);
            assertThat(isSnapshot(loaded)).as("the edited snapshot is not used").isFalse();
            assertThat(loaded.getSequenceNumber()).isZero();
            assertThat(((SealedSnapshotStorageEngine) engine).rejectedSnapshots()).isGreaterThan(rejectedBefore);
        } finally {
            jdbc.update("UPDATE ledger_write.snapshot_event_entry SET payload = convert_to(?, 'UTF8') "
                    + "WHERE aggregate_identifier = ?", payload, resolution);
        }
        assertThat(isSnapshot(firstLoaded(resolution))).as("put back, it is trusted again").isTrue();
    }

    @Test
    void a_snapshot_over_an_edited_event_is_not_trusted() {
        String resolution = snapshotted();
        assertThat(isSnapshot(firstLoaded(resolution))).isTrue();
        Map<String, Object> first = jdbc.queryForMap("SELECT convert_from(payload, 'UTF8') AS payload FROM "
                + "ledger_write.domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0", resolution);
        String original = (String) first.get("payload");
        jdbc.update("UPDATE ledger_write.domain_event_entry SET payload = convert_to(?, 'UTF8') "
                + "WHERE aggregate_identifier = ? AND sequence_number = 0", original.replace("Smart Region",
                "Smart Regime"), resolution);
        try {
            assertThat(isSnapshot(firstLoaded(resolution))).as("the snapshot summarises other events").isFalse();
        } finally {
            jdbc.update("UPDATE ledger_write.domain_event_entry SET payload = convert_to(?, 'UTF8') "
                    + "WHERE aggregate_identifier = ? AND sequence_number = 0", original, resolution);
        }
        assertThat(isSnapshot(firstLoaded(resolution))).isTrue();
    }

    @Test
    void an_aggregate_whose_snapshot_was_edited_still_decides_on_its_events() {
        String resolution = snapshotted();
        editSnapshot(resolution, "\"YES\"", "\"NO\"");
        // another delegation's vote: decided on state rebuilt from the events (the cache may hold it already, which
        // is as right); either way the six YES votes stand in the tally
        vote(resolution, MEMBERS.get(6), "YES");
        Response adopt = post("/api/resolutions/" + resolution + "/rejection", TestTokens.delegate(CHAIR),
                json(Map.of("reason", "Test")));
        assertThat(adopt.status()).as(adopt.raw()).isEqualTo(200);
        assertThat(adopt.json().at("/tally/yes").asInt()).as(adopt.raw()).isEqualTo(7);
    }
}

package io.resolutionledger.command.snapshots;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's JDBC engine whose snapshots carry a {@link SnapshotSeal} and are trusted only when it matches: the seal is
 * added where Axon writes the snapshot ({@link #appendSnapshot}), and checked by the engine's {@link SnapshotFilter}
 * before Axon deserializes it. A rejected snapshot is skipped exactly as Axon skips one it cannot read: the aggregate
 * is rebuilt from its events (and the next snapshot trigger replaces the snapshot). Both sides read the summarised
 * events as stored rows ({@link #fetchDomainEvents}: no upcasting, no deserialization), so the seal commits to the
 * bytes, and an upcaster added later leaves every seal valid.
 */
public final class SealedSnapshotStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(SealedSnapshotStorageEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 100;

    private final SnapshotSeal seal;
    private final AtomicLong rejected = new AtomicLong();

    private SealedSnapshotStorageEngine(Builder builder, SnapshotSeal seal) {
        super(builder);
        this.seal = seal;
    }

    /** The engine of {@code builder} with sealed snapshots ({@code builder}'s own snapshot filter is replaced). */
    public static SealedSnapshotStorageEngine build(Builder builder, SnapshotSeal seal) {
        SealCheck check = new SealCheck();
        SealedSnapshotStorageEngine engine = new SealedSnapshotStorageEngine(builder.snapshotFilter(check), seal);
        check.engine = engine;
        return engine;
    }

    /** How many snapshots were not trusted since the start. */
    public long rejectedSnapshots() {
        return rejected.get();
    }

    /** The filter; it needs the engine to read the summarised events, the engine needs it when built. */
    private static final class SealCheck implements SnapshotFilter {
        private volatile SealedSnapshotStorageEngine engine;

        @Override
        public boolean test(DomainEventData<?> snapshot) {
            return engine.trusted(snapshot);
        }
    }

    @Override
    protected PreparedStatement appendSnapshot(Connection connection, DomainEventMessage<?> snapshot,
                                               Serializer serializer) throws SQLException {
        SerializedObject<byte[]> payload = snapshot.serializePayload(serializer, byte[].class);
        SnapshotSeal.EventsDigest events = summarised(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
        if (events == null) {
            // the events it claims to summarise are not all there: store it unsealed, it will not be trusted
            log.warn("snapshot of {} at sequence {} does not follow the stored events: stored without a seal",
                    snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
            return super.appendSnapshot(connection, snapshot, serializer);
        }
        String sealed = seal.seal(snapshot.getAggregateIdentifier(), snapshot.getType(), snapshot.getSequenceNumber(),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), events);
        return super.appendSnapshot(connection, snapshot.andMetaData(Map.of(SnapshotSeal.METADATA_KEY, sealed)),
                serializer);
    }

    private boolean trusted(DomainEventData<?> snapshot) {
        String stored = storedSeal(snapshot);
        SnapshotSeal.EventsDigest events = stored == null ? null
                : summarised(snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
        boolean trusted = events != null && seal.matches(stored, seal.seal(snapshot.getAggregateIdentifier(),
                snapshot.getType(), snapshot.getSequenceNumber(), snapshot.getPayload().getType().getName(),
                snapshot.getPayload().getType().getRevision(), SnapshotSeal.bytes(snapshot.getPayload().getData()),
                events));
        if (!trusted) {
            rejected.incrementAndGet();
            log.warn("snapshot of {} at sequence {} is not trusted ({}): the aggregate is rebuilt from its events",
                    snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber(), stored == null ? "no seal"
                            : events == null ? "its events are not the stored ones"
                            : seal.configured() ? "its seal does not match: it was changed, or sealed with another key"
                            : "its seal does not match: it was changed, or sealed before this start");
        }
        return trusted;
    }

    private static String storedSeal(DomainEventData<?> snapshot) {
        try {
            JsonNode metaData = JSON.readTree(SnapshotSeal.bytes(snapshot.getMetaData().getData()));
            JsonNode value = metaData == null ? null : metaData.get(SnapshotSeal.METADATA_KEY);
            return value != null && value.isTextual() ? value.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The digest of the stored events 0..{@code sequence}; null when they are not exactly those. */
    private SnapshotSeal.EventsDigest summarised(String aggregateIdentifier, long sequence) {
        SnapshotSeal.EventsDigest digest = seal.newDigest();
        while (digest.count() <= sequence) {
            List<? extends DomainEventData<?>> batch = fetchDomainEvents(aggregateIdentifier, digest.count(), BATCH);
            if (batch.isEmpty()) {
                return null;
            }
            for (DomainEventData<?> event : batch) {
                if (event.getSequenceNumber() > sequence) {
                    break;
                }
                if (!digest.add(event)) {
                    return null;
                }
            }
        }
        return digest;
    }
}

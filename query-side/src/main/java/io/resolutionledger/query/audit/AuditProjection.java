package io.resolutionledger.query.audit;

import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.query.config.Batches;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.config.StoredTokens;
import io.resolutionledger.query.eventstore.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every event in global order, with who did it and the technical context (user, correlation id): the auditors'
 * table of the read side. Keyed by global index: handling an event twice is a no-op.
 * <p>
 * Its processing group has one segment, so it sees every event in the order of the log; an event's global index is
 * then known from its token and the token before it ({@link Positions#of}), with no lookup. The rows of a batch are
 * collected in the unit of work and written by one JDBC batch when it prepares to commit, in the transaction that
 * also stores the token.
 * <p>
 * The row keeps the event as the store holds it after upcasting: payload and metadata are taken in their serialized
 * form (Axon hands it over without work when asked with the serializer that read them) and PostgreSQL takes the
 * actor, user and correlation id out of that JSON (generated columns). Decoding every event into its record only to encode it again
 * cost a third of this processor's time in a rebuild (JFR, BENCHMARKS.md).
 */
@Component
@ProcessingGroup(Projections.AUDIT)
public class AuditProjection {

    private static final String BATCH = AuditProjection.class.getName() + ".batch";
    /**
     * A plain VALUES insert, so that the driver rewrites the batch into multi-row inserts (reWriteBatchedInserts);
     * actor, user, correlation and trace id are generated columns of the JSON (migration V430).
     */
    private static final String INSERT = """
            INSERT INTO ledger_read.audit_event (global_index, event_id, event_type, payload_type, payload_revision,
                aggregate_type, aggregate_id, sequence_number, occurred_at, payload, meta_data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, convert_from(?, 'UTF8')::jsonb, convert_from(?, 'UTF8')::jsonb)
            ON CONFLICT (global_index) DO NOTHING
            """;
    /** Each event class's simple name and revision, looked up once. */
    private static final ClassValue<String[]> TYPES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Revision revision = type.getAnnotation(Revision.class);
            return new String[]{type.getSimpleName(), revision == null ? null : revision.value()};
        }
    };

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final StoredTokens tokens;

    /**
     * @param serializer the storage engine's event serializer: the one the messages were read with
     * @param tokens     the committed tokens, for the one this processor stored with its previous batch
     */
    public AuditProjection(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer,
                           StoredTokens tokens) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.tokens = tokens;
    }

    /** One row of the table; payload and metadata as the stored bytes (bytea), decoded by PostgreSQL. */
    private record Row(long globalIndex, String eventId, Class<?> type, String aggregateType, String aggregateId,
                       Long sequence, Instant occurredAt, byte[] payload, byte[] metaData) {
    }

    /** The rows of one batch, and the token of the last event added (the one before the next). */
    private static final class Batch {
        private final List<Row> rows = new ArrayList<>();
        private TrackingToken last;
    }

    @EventHandler(payloadType = LedgerEvent.class)
    public void on(EventMessage<?> message, TrackingToken token) {
        Batch batch = batch();
        long globalIndex = Positions.of(batch.last, token);
        batch.last = token;
        batch.rows.add(row(message, globalIndex));
    }

    /**
     * TRUNCATE, not DELETE: no reader of the product reads this table (history, export and verify read the store),
     * so its exclusive lock, held only until the reset commits, keeps no one waiting; a DELETE wrote a dead row per
     * event, which the replay's inserts then had to step over in the indexes (BENCHMARKS.md).
     */
    @ResetHandler
    public void reset() {
        jdbc.execute("TRUNCATE ledger_read.audit_event");
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            // the token before this batch's first event: the one stored with the previous batch
            batch.last = previousToken();
            unitOfWork.onPrepareCommit(u -> write(batch.rows));
            return batch;
        });
    }

    /**
     * The token this processor's segment stored with its previous batch, as committed. A plain read: the token store's
     * {@code fetchToken} would also claim the segment again (a {@code SELECT ... FOR UPDATE} and an {@code UPDATE} of
     * its owner and time, a WAL record, per batch), which the processor already does for itself, and the token it
     * stores at the end of this batch's transaction is checked against the claim there.
     */
    private TrackingToken previousToken() {
        return tokens.of(Projections.AUDIT, 0).orElse(null);
    }

    /**
     * One JDBC batch with the values bound by position and type (no named parameters, no type guessing per value:
     * binding was 40 % of this processor's CPU in a rebuild, JFR).
     */
    private void write(List<Row> rows) {
        Batches.write(jdbc, INSERT, rows, (ps, row) -> {
            String[] type = TYPES.get(row.type());
            ps.setLong(1, row.globalIndex());
            ps.setString(2, row.eventId());
            ps.setString(3, type[0]);
            ps.setString(4, row.type().getName());
            ps.setString(5, type[1]);
            ps.setString(6, row.aggregateType());
            ps.setString(7, row.aggregateId());
            if (row.sequence() == null) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, row.sequence());
            }
            Batches.setInstant(ps, 9, row.occurredAt());
            ps.setBytes(10, row.payload());
            ps.setBytes(11, row.metaData());
        });
    }

    private Row row(EventMessage<?> message, long globalIndex) {
        byte[] payload = message.serializePayload(serializer, byte[].class).getData();
        byte[] metaData = message.serializeMetaData(serializer, byte[].class).getData();
        if (message instanceof DomainEventMessage<?> domain) {
            return new Row(globalIndex, message.getIdentifier(), message.getPayloadType(), domain.getType(),
                    domain.getAggregateIdentifier(), domain.getSequenceNumber(), message.getTimestamp(), payload,
                    metaData);
        }
        return new Row(globalIndex, message.getIdentifier(), message.getPayloadType(), null, null, null,
                message.getTimestamp(), payload, metaData);
    }
}

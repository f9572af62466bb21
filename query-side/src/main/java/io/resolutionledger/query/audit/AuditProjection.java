package io.resolutionledger.query.audit;

import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.eventstore.Positions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
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
            VALUES (:globalIndex, :eventId, :eventType, :payloadType, :payloadRevision, :aggregateType, :aggregateId,
                :sequence, :occurredAt, convert_from(:payload, 'UTF8')::jsonb, convert_from(:metaData, 'UTF8')::jsonb)
            ON CONFLICT (global_index) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TokenStore tokens;
    private final Serializer serializer;

    /** @param serializer the storage engine's event serializer: the one the messages were read with */
    public AuditProjection(NamedParameterJdbcTemplate jdbc, TokenStore tokens,
                           @Qualifier("eventSerializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.serializer = serializer;
    }

    /** The rows of one batch, and the token of the last event added (the one before the next). */
    private static final class Batch {
        private final List<SqlParameterSource> rows = new ArrayList<>();
        private TrackingToken last;
    }

    @EventHandler(payloadType = LedgerEvent.class)
    public void on(EventMessage<?> message, TrackingToken token) {
        Batch batch = batch();
        long globalIndex = Positions.of(batch.last, token);
        batch.last = token;
        batch.rows.add(row(message, globalIndex));
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.audit_event");
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            // the token before this batch's first event: the one stored with the previous batch
            batch.last = tokens.fetchToken(Projections.AUDIT, 0);
            unitOfWork.onPrepareCommit(u -> {
                if (!batch.rows.isEmpty()) {
                    jdbc.batchUpdate(INSERT, batch.rows.toArray(SqlParameterSource[]::new));
                }
            });
            return batch;
        });
    }

    private MapSqlParameterSource row(EventMessage<?> message, long globalIndex) {
        Class<?> type = message.getPayloadType();
        Revision revision = type.getAnnotation(Revision.class);
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("globalIndex", globalIndex)
                .addValue("eventId", message.getIdentifier())
                .addValue("eventType", type.getSimpleName())
                .addValue("payloadType", type.getName())
                .addValue("payloadRevision", revision == null ? null : revision.value())
                .addValue("occurredAt", Timestamp.from(message.getTimestamp()))
                // the stored bytes as they are (bytea), decoded from UTF-8 by PostgreSQL: no String in between
                .addValue("payload", message.serializePayload(serializer, byte[].class).getData())
                .addValue("metaData", message.serializeMetaData(serializer, byte[].class).getData());
        if (message instanceof DomainEventMessage<?> domain) {
            row.addValue("aggregateType", domain.getType())
                    .addValue("aggregateId", domain.getAggregateIdentifier())
                    .addValue("sequence", domain.getSequenceNumber());
        } else {
            row.addValue("aggregateType", null).addValue("aggregateId", null).addValue("sequence", null);
        }
        return row;
    }
}

package io.resolutionledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.api.json.LedgerJson;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every event in global order, with who did it and the technical context (user, correlation id): the auditors'
 * table of the read side. Keyed by global index: handling an event twice is a no-op.
 * <p>
 * Its processing group has one segment, so it sees every event in the order of the log; an event's global index is
 * then known from its token and the token before it ({@link Positions#of}), with no lookup. The rows of a batch are
 * collected in the unit of work and written by one JDBC batch when it prepares to commit, in the transaction that
 * also stores the token.
 */
@Component
@ProcessingGroup(Projections.AUDIT)
public class AuditProjection {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();
    private static final String BATCH = AuditProjection.class.getName() + ".batch";
    private static final String INSERT = """
            INSERT INTO ledger_read.audit_event (global_index, event_id, event_type, payload_type, payload_revision,
                aggregate_type, aggregate_id, sequence_number, occurred_at, actor, user_sub, correlation_id,
                trace_id, payload, meta_data)
            VALUES (:globalIndex, :eventId, :eventType, :payloadType, :payloadRevision, :aggregateType,
                :aggregateId, :sequence, :occurredAt, :actor, :user, :correlationId, :traceId,
                CAST(:payload AS jsonb), CAST(:metaData AS jsonb))
            ON CONFLICT (global_index) DO NOTHING
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TokenStore tokens;

    public AuditProjection(NamedParameterJdbcTemplate jdbc, TokenStore tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    /** The rows of one batch, and the token of the last event added (the one before the next). */
    private static final class Batch {
        private final List<SqlParameterSource> rows = new ArrayList<>();
        private TrackingToken last;
    }

    @EventHandler
    public void on(LedgerEvent event, EventMessage<?> message, TrackingToken token) {
        Batch batch = batch();
        long globalIndex = Positions.of(batch.last, token);
        batch.last = token;
        batch.rows.add(row(event, message, globalIndex));
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

    private static MapSqlParameterSource row(LedgerEvent event, EventMessage<?> message, long globalIndex) {
        Map<String, Object> metaData = new TreeMap<>(message.getMetaData());
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("globalIndex", globalIndex)
                .addValue("eventId", message.getIdentifier())
                .addValue("eventType", event.getClass().getSimpleName())
                .addValue("payloadType", event.getClass().getName())
                .addValue("payloadRevision", revision(event))
                .addValue("occurredAt", Timestamp.from(message.getTimestamp()))
                .addValue("actor", event.actor() == null ? null : event.actor().value())
                .addValue("user", text(metaData.get("user")))
                .addValue("correlationId", text(metaData.get("correlationId")))
                .addValue("traceId", text(metaData.get("traceId")))
                .addValue("payload", json(event))
                .addValue("metaData", json(metaData));
        if (message instanceof DomainEventMessage<?> domain) {
            row.addValue("aggregateType", domain.getType())
                    .addValue("aggregateId", domain.getAggregateIdentifier())
                    .addValue("sequence", domain.getSequenceNumber());
        } else {
            row.addValue("aggregateType", null).addValue("aggregateId", null).addValue("sequence", null);
        }
        return row;
    }

    private static String revision(Object event) {
        org.axonframework.serialization.Revision revision =
                event.getClass().getAnnotation(org.axonframework.serialization.Revision.class);
        return revision == null ? null : revision.value();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

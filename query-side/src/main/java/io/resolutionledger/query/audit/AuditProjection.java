package io.resolutionledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.query.config.EventPositions;
import io.resolutionledger.query.config.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every event in global order, with who did it and the technical context (user, correlation id): the raw material
 * of the auditors' toolkit and of the stream's replay. Keyed by global index: handling an event twice is a no-op.
 */
@Component
@ProcessingGroup(Projections.AUDIT)
public class AuditProjection {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final NamedParameterJdbcTemplate jdbc;
    private final EventPositions positions;

    public AuditProjection(NamedParameterJdbcTemplate jdbc, EventPositions positions) {
        this.jdbc = jdbc;
        this.positions = positions;
    }

    @EventHandler
    public void on(LedgerEvent event, EventMessage<?> message, TrackingToken token) {
        Map<String, Object> metaData = new TreeMap<>(message.getMetaData());
        MapSqlParameterSource row = new MapSqlParameterSource()
                .addValue("globalIndex", positions.of(message, token))
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
        jdbc.update("""
                INSERT INTO ledger_read.audit_event (global_index, event_id, event_type, payload_type, payload_revision,
                    aggregate_type, aggregate_id, sequence_number, occurred_at, actor, user_sub, correlation_id,
                    trace_id, payload, meta_data)
                VALUES (:globalIndex, :eventId, :eventType, :payloadType, :payloadRevision, :aggregateType,
                    :aggregateId, :sequence, :occurredAt, :actor, :user, :correlationId, :traceId,
                    CAST(:payload AS jsonb), CAST(:metaData AS jsonb))
                ON CONFLICT (global_index) DO NOTHING
                """, row);
    }

    @ResetHandler
    public void reset() {
        jdbc.getJdbcTemplate().update("DELETE FROM ledger_read.audit_event");
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

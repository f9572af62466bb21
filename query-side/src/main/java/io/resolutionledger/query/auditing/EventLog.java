package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.eventstore.EventStoreGateway.Positioned;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Revision;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads the ledger from the event store itself (through {@link EventStoreGateway}), never from a projection: what an
 * auditor sees here does not depend on any read model having caught up or being correct. Payloads are shown in their
 * current shape (upcast from older revisions, {@code payloadRevision} says which shape).
 */
@Component
public class EventLog {

    static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final EventStoreGateway events;
    private final NamedParameterJdbcTemplate jdbc;

    public EventLog(EventStoreGateway events, NamedParameterJdbcTemplate jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Every event of one aggregate of that type in its own order (sequence). */
    public List<LoggedEvent> history(String aggregateType, String aggregateId) {
        List<LoggedEvent> history = new ArrayList<>();
        for (Positioned event : events.aggregate(aggregateId)) {
            DomainEventMessage<?> domain = event.domain();
            if (domain != null && aggregateType.equals(domain.getType())) {
                history.add(read(event.position(), domain));
            }
        }
        return history;
    }

    /** At most {@code limit} events with a global index above {@code after}, in global order. */
    public List<LoggedEvent> after(long after, int limit) {
        return events.read(events.after(after), limit).stream().map(e -> read(e.position(), e.message())).toList();
    }

    /** Whether any event lies beyond {@code globalIndex}. */
    public boolean anyAfter(long globalIndex) {
        return events.anyAfter(events.after(globalIndex));
    }

    static LoggedEvent read(Long position, EventMessage<?> message) {
        Object payloadObject = message.getPayload();
        JsonNode payload = JSON.valueToTree(payloadObject);
        Revision revision = message.getPayloadType().getAnnotation(Revision.class);
        Instant recordedAt = message.getTimestamp();
        Instant occurredAt = instant(text(payload, "occurredAt"));
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        Map<String, ?> meta = message.getMetaData();
        return new LoggedEvent(position == null ? -1 : position, message.getIdentifier(),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? 0 : domain.getSequenceNumber(), message.getPayloadType().getSimpleName(),
                revision == null ? null : revision.value(), occurredAt == null ? recordedAt : occurredAt, recordedAt,
                text(payload, "actor"), meta(meta, "user"), meta(meta, "delegation"), meta(meta, "correlationId"),
                meta(meta, "causationId"), meta(meta, "command"), meta(meta, "importId"), payload);
    }

    private static String meta(Map<String, ?> meta, String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

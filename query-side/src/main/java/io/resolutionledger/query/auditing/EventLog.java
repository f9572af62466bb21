package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.json.LedgerJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the ledger from the event store itself ({@code ledger_write.domain_event_entry}), never from a projection:
 * what an auditor sees here does not depend on any read model having caught up or being correct.
 */
@Component
public class EventLog {

    static final ObjectMapper JSON = LedgerJson.messageMapper();

    /** The columns {@link #read(ResultSet)} needs. */
    static final String COLUMNS = "e.global_index, e.event_identifier, e.type, e.aggregate_identifier, "
            + "e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    private final JdbcTemplate jdbc;

    public EventLog(DataSource dataSource) {
        // a template of its own: the export sets a fetch size on it
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Every event of one aggregate in its own order (sequence). */
    @Transactional(readOnly = true)
    public List<LoggedEvent> history(String aggregateType, String aggregateId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_write.domain_event_entry e "
                        + "WHERE e.aggregate_identifier = ? AND e.type = ? ORDER BY e.sequence_number",
                (rs, n) -> read(rs), aggregateId, aggregateType);
    }

    /** At most {@code limit} events with a global index above {@code after}, in global order. */
    @Transactional(readOnly = true)
    public List<LoggedEvent> after(long after, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ledger_write.domain_event_entry e "
                + "WHERE e.global_index > ? ORDER BY e.global_index LIMIT ?", (rs, n) -> read(rs), after, limit);
    }

    /** Whether any event lies beyond {@code globalIndex}. */
    @Transactional(readOnly = true)
    public boolean anyAfter(long globalIndex) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM ledger_write.domain_event_entry WHERE global_index > ?)",
                Boolean.class, globalIndex));
    }

    static LoggedEvent read(ResultSet rs) throws SQLException {
        JsonNode payload = tree(rs.getBytes("payload"));
        JsonNode meta = tree(rs.getBytes("meta_data"));
        String payloadType = rs.getString("payload_type");
        Instant recordedAt = instant(rs.getString("time_stamp"));
        Instant occurredAt = instant(text(payload, "occurredAt"));
        return new LoggedEvent(rs.getLong("global_index"), rs.getString("event_identifier"), rs.getString("type"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1), rs.getString("payload_revision"),
                occurredAt == null ? recordedAt : occurredAt, recordedAt, text(payload, "actor"), text(meta, "user"),
                text(meta, "delegation"), text(meta, "correlationId"), text(meta, "causationId"),
                text(meta, "command"), payload);
    }

    private static JsonNode tree(byte[] json) throws SQLException {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            // stored bytes that are not JSON are still shown (as text): an auditor must see what is there
            return JSON.getNodeFactory().textNode(new String(json, java.nio.charset.StandardCharsets.UTF_8));
        }
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

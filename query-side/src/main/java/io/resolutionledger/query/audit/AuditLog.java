package io.resolutionledger.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.api.json.LedgerJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Reads the audit projection: the events after a position, for the stream's replay of missed changes. */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event of the log with its position. */
    public record Entry(long globalIndex, LedgerEvent event) {
    }

    /** At most {@code limit} events with a global index above {@code after}, in order. */
    public List<Entry> after(long after, int limit) {
        List<Entry> entries = new ArrayList<>();
        jdbc.query("""
                SELECT global_index, payload_type, payload::text AS payload FROM ledger_read.audit_event
                WHERE global_index > ? ORDER BY global_index LIMIT ?
                """, rs -> {
            String type = rs.getString("payload_type");
            try {
                Class<?> payloadClass = Class.forName(type);
                if (LedgerEvent.class.isAssignableFrom(payloadClass)) {
                    entries.add(new Entry(rs.getLong("global_index"),
                            (LedgerEvent) JSON.readValue(rs.getString("payload"), payloadClass)));
                }
            } catch (ClassNotFoundException | java.io.IOException e) {
                log.warn("audit entry {} of unknown shape {} skipped", rs.getLong("global_index"), type);
            }
        }, after, limit);
        return entries;
    }
}

package io.resolutionledger.query.integrity;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of the event store exactly as stored: what the hash chain covers, byte for byte. */
public record StoredEvent(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                          String type, String payloadType, String payloadRevision, String timestamp, byte[] payload,
                          byte[] metaData) {

    /** The columns {@link #from(ResultSet)} reads, for SELECTs on ledger_write.domain_event_entry. */
    public static final String COLUMNS = "e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, "
            + "e.type, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data";

    public static StoredEvent from(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("type"),
                rs.getString("payload_type"), rs.getString("payload_revision"), rs.getString("time_stamp"),
                rs.getBytes("payload"), rs.getBytes("meta_data"));
    }
}

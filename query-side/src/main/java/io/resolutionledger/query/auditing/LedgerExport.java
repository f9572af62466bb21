package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.api.proof.LedgerLeaf;
import io.resolutionledger.query.ledger.LeafReader;
import io.resolutionledger.query.ledger.LogStore;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes the whole ledger, in log order, as JSON lines or CSV. Constant memory: the events are read as a stream
 * through Axon's event store and every line is written as soon as its event arrives.
 * <p>
 * Each line carries {@code logIndex} and {@code leaf}, the base64 of the exact bytes the log hashed for that event
 * (RFC 8785 canonical JSON, see API.md), so anyone can rebuild the tree from an export and compare its root with a
 * signed checkpoint: {@code ./ledger verify-proof ledger.jsonl --key KEY --checkpoint SAVED}. Both are null for an
 * event that is not a leaf yet. {@code lineSha256} is the SHA-256 (hex) of the line's content without that last
 * field: in JSON lines the object with its final member {@code ,"lineSha256":"…"} removed, in CSV the line up to
 * (not including) the comma before the last column.
 */
@Component
public class LedgerExport {

    /** The formats offered, by their {@code format} parameter. */
    public enum Format {
        JSONL("application/x-ndjson", "jsonl"), CSV("text/csv;charset=UTF-8", "csv");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }

        /** The format named by {@code value}, or null when there is none by that name. */
        public static Format of(String value) {
            for (Format format : values()) {
                if (format.name().equalsIgnoreCase(value == null ? "" : value.strip().toLowerCase(Locale.ROOT))) {
                    return format;
                }
            }
            return null;
        }
    }

    static final List<String> CSV_COLUMNS = List.of("globalIndex", "eventIdentifier", "aggregateType", "aggregateId",
            "sequence", "type", "payloadRevision", "occurredAt", "recordedAt", "actor", "user", "delegation",
            "correlationId", "causationId", "command", "payload", "logIndex", "leaf", "lineSha256");

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LF = "\n".getBytes(StandardCharsets.US_ASCII);

    private final LeafReader reader;
    private final LogStore store;
    private final int pageSize;

    public LedgerExport(LeafReader reader, LogStore store,
                        @Value("${ledger.audit.export-fetch-size:500}") int pageSize) {
        this.reader = reader;
        this.store = store;
        this.pageSize = Math.max(1, pageSize);
    }

    /** One exported event: what the auditor reads, and the leaf the log hashed (null if not a leaf yet). */
    record Line(LoggedEvent event, Long logIndex, byte[] leaf) {
    }

    public void write(Format format, OutputStream out) {
        if (format == Format.CSV) {
            write(out, String.join(",", CSV_COLUMNS).getBytes(StandardCharsets.UTF_8), CRLF);
        }
        long size = store.size();
        long next = 0;
        java.util.Map<Long, LogStore.Place> page = java.util.Map.of();
        long pageEnd = 0;
        long head = reader.headIndex();
        long last = -1;
        try (BlockingStream<TrackedEventMessage<?>> stream = reader.openAfter(-1)) {
            while (last < head && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                last = Math.max(last, LeafReader.position(event.trackingToken()));
                if (next < size && next >= pageEnd) {
                    page = store.places(next, next + pageSize);
                    pageEnd = next + pageSize;
                }
                LogStore.Place place = page.get(next);
                boolean isLeaf = next < size && place != null && place.eventIdentifier().equals(event.getIdentifier());
                LedgerLeaf leaf = reader.leaf(isLeaf ? next : -1, event);
                Line line = new Line(logged(LeafReader.position(event.trackingToken()), leaf), isLeaf ? next : null,
                        isLeaf ? leaf.bytes() : null);
                if (isLeaf) {
                    next++;
                }
                write(out, format == Format.CSV ? csv(line) : jsonl(line), format == Format.CSV ? CRLF : LF);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The auditor's view of an event, read from its leaf (the same fields as {@code /api/audit/events}). */
    static LoggedEvent logged(long globalIndex, LedgerLeaf leaf) {
        JsonNode payload = leaf.payload();
        JsonNode meta = leaf.metadata();
        return new LoggedEvent(globalIndex, leaf.eventId(), leaf.aggregateType(), leaf.aggregateId(), leaf.sequence(),
                leaf.simpleType(), leaf.revision(), instant(leaf.occurredAt()), instant(leaf.recordedAt()),
                text(payload, "actor"), text(meta, "user"), text(meta, "delegation"), text(meta, "correlationId"),
                text(meta, "causationId"), text(meta, "command"), text(meta, "importId"), payload);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static java.time.Instant instant(String value) {
        try {
            return value == null ? null : java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static byte[] jsonl(Line l) {
        LoggedEvent e = l.event();
        ObjectNode line = EventLog.JSON.createObjectNode();
        line.put("globalIndex", e.globalIndex());
        line.put("eventIdentifier", e.eventIdentifier());
        line.put("aggregateType", e.aggregateType());
        line.put("aggregateId", e.aggregateId());
        line.put("sequence", e.sequence());
        line.put("type", e.type());
        line.put("payloadRevision", e.payloadRevision());
        line.put("occurredAt", e.occurredAt() == null ? null : e.occurredAt().toString());
        line.put("recordedAt", e.recordedAt() == null ? null : e.recordedAt().toString());
        line.put("actor", e.actor());
        line.put("user", e.user());
        line.put("delegation", e.delegation());
        line.put("correlationId", e.correlationId());
        line.put("causationId", e.causationId());
        line.put("command", e.command());
        line.set("payload", e.payload());
        if (l.logIndex() == null) {
            line.putNull("logIndex");
            line.putNull("leaf");
        } else {
            line.put("logIndex", l.logIndex());
            line.put("leaf", Base64.getEncoder().encodeToString(l.leaf()));
        }
        String content = json(line);
        // the content's own hash, appended as the last member (see the class comment)
        return (content.substring(0, content.length() - 1) + ",\"lineSha256\":\"" + sha256(content) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(Line l) {
        LoggedEvent e = l.event();
        List<Object> cells = java.util.Arrays.asList(e.globalIndex(), e.eventIdentifier(), e.aggregateType(),
                e.aggregateId(), e.sequence(), e.type(), e.payloadRevision(), e.occurredAt(), e.recordedAt(), e.actor(),
                e.user(), e.delegation(), e.correlationId(), e.causationId(), e.command(), json(e.payload()),
                l.logIndex(), l.leaf() == null ? null : Base64.getEncoder().encodeToString(l.leaf()));
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            content.append(i == 0 ? "" : ",").append(quote(cells.get(i)));
        }
        String text = content.toString();
        return (text + "," + sha256(text)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * RFC 4180: a field with a comma, a quote or a line break is quoted, quotes doubled; null is an empty field; a
     * field a spreadsheet would take for a formula is neutralised first ({@link CsvCells}).
     */
    static String quote(Object value) {
        if (value == null) {
            return "";
        }
        String text = CsvCells.neutralise(value.toString());
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    static String sha256(String content) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String json(Object value) {
        try {
            return EventLog.JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(OutputStream out, byte[] line, byte[] end) {
        try {
            out.write(line);
            out.write(end);
        } catch (IOException e) {
            // the client went away: abandon the cursor (the transaction rolls back, nothing was written anyway)
            throw new UncheckedIOException(e);
        }
    }
}

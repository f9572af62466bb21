package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes the whole ledger, in global order, as JSON lines or CSV. Constant memory: the store is read through a cursor
 * (see {@link EventLog#each}) and every line is written as soon as its row arrives.
 * <p>
 * Each line carries {@code hash}, the hash chain link of its event (null while the integrity processor has not
 * chained it yet), and {@code lineSha256}, the SHA-256 (hex) of the line's content without that last field: in JSON
 * lines the object with its final member {@code ,"lineSha256":"…"} removed, in CSV the line up to (not including)
 * the comma before the last column. So a single exported line can be checked on its own, and against
 * {@code /api/audit/verify}'s chain.
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
            "correlationId", "causationId", "command", "payload", "hash", "lineSha256");

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LF = "\n".getBytes(StandardCharsets.US_ASCII);

    private final EventLog log;
    private final TransactionTemplate readOnly;
    private final int fetchSize;

    public LedgerExport(EventLog log, PlatformTransactionManager transactions,
                        @Value("${ledger.audit.export-fetch-size:500}") int fetchSize) {
        this.log = log;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.fetchSize = fetchSize;
    }

    public void write(Format format, OutputStream out) {
        readOnly.executeWithoutResult(status -> {
            if (format == Format.CSV) {
                write(out, String.join(",", CSV_COLUMNS).getBytes(StandardCharsets.UTF_8), CRLF);
            }
            log.each(fetchSize, (event, link) -> write(out, format == Format.CSV ? csv(event, link)
                    : jsonl(event, link), format == Format.CSV ? CRLF : LF));
        });
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jsonl(LoggedEvent e, String link) {
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
        line.put("hash", link);
        String content = json(line);
        // the content's own hash, appended as the last member (see the class comment)
        return (content.substring(0, content.length() - 1) + ",\"lineSha256\":\"" + sha256(content) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] csv(LoggedEvent e, String link) {
        List<Object> cells = java.util.Arrays.asList(e.globalIndex(), e.eventIdentifier(), e.aggregateType(),
                e.aggregateId(), e.sequence(), e.type(), e.payloadRevision(), e.occurredAt(), e.recordedAt(), e.actor(),
                e.user(), e.delegation(), e.correlationId(), e.causationId(), e.command(), json(e.payload()), link);
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

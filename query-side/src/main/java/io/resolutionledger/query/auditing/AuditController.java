package io.resolutionledger.query.auditing;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.Identifiers;
import io.resolutionledger.query.web.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/**
 * The auditors' reading of the ledger, from the event store itself (auditors and admins only, see SecurityConfig):
 * one resolution's history, the global log page by page, and the whole log as a file.
 */
@RestController
public class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;

    private final EventLog log;
    private final LedgerExport export;

    public AuditController(EventLog log, LedgerExport export) {
        this.log = log;
        this.export = export;
    }

    /** A resolution's history: {@code events} in order. */
    public record History(String resolutionId, List<LoggedEvent> events) {
    }

    /**
     * A page of the global log. {@code next} is the cursor for the following page (the last global index of this
     * one; {@code after} again when the page is empty), {@code more} tells whether events lie beyond it now.
     */
    public record EventsPage(List<LoggedEvent> items, long after, int limit, long next, boolean more) {
    }

    @GetMapping(path = "/api/resolutions/{id}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public History history(@PathVariable String id) {
        if (!Identifiers.isValid(id)) {
            throw InvalidParameterException.of("id", "is not a resolution id");
        }
        List<LoggedEvent> events = log.history("Resolution", id);
        if (events.isEmpty()) {
            throw new LedgerRefusedException(ErrorCode.RESOLUTION_NOT_FOUND, "no resolution " + id);
        }
        return new History(id, events);
    }

    @GetMapping(path = "/api/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    public EventsPage events(@RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        long from = after == null ? 0 : after;
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (from < 0) {
            throw InvalidParameterException.of("after", "must be 0 or more");
        }
        if (size < 1 || size > MAX_LIMIT) {
            throw InvalidParameterException.of("limit", "must be 1 to " + MAX_LIMIT);
        }
        List<LoggedEvent> items = log.after(from, size);
        long next = items.isEmpty() ? from : items.get(items.size() - 1).globalIndex();
        return new EventsPage(items, from, size, next, log.anyAfter(next));
    }

    @GetMapping("/api/audit/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String format) {
        LedgerExport.Format chosen = LedgerExport.Format.of(format == null ? "jsonl" : format);
        if (chosen == null) {
            throw InvalidParameterException.of("format", "must be jsonl or csv");
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, chosen.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ledger." + chosen.extension() + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> export.write(chosen, out));
    }
}

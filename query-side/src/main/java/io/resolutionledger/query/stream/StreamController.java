package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.query.audit.AuditLog;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.sessions.SessionQueries;
import io.resolutionledger.query.web.InvalidParameterException;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;

/**
 * {@code GET /api/stream}: server-sent events, one per change of a projection. A client that reconnects with
 * {@code Last-Event-ID} (or {@code ?lastEventId=}) first gets every change caused by the events after that
 * position, rebuilt from the audit log, then the live ones; it may see a change twice, never miss one (changes are
 * notifications: "this changed, fetch it", so a repeat is harmless). More than {@code ledger.stream.max-replay}
 * missed changes are answered by a single {@code reset} event: reload everything.
 */
@RestController
public class StreamController {

    private final StreamHub hub;
    private final AuditLog auditLog;
    private final SessionQueries sessions;
    private final StreamProperties properties;

    public StreamController(StreamHub hub, AuditLog auditLog, SessionQueries sessions, StreamProperties properties) {
        this.hub = hub;
        this.auditLog = auditLog;
        this.sessions = sessions;
        this.properties = properties;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
                             Authentication authentication) throws IOException {
        Long lastEventId = parse(lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam);
        Viewer viewer = Viewer.of(authentication);
        SseEmitter emitter = new SseEmitter(0L);
        // registered before the replay is read, so that nothing falls between the replay and the live changes
        StreamHub.Subscriber subscriber = hub.subscribe(viewer, emitter);
        emitter.send(SseEmitter.event().comment("connected"));
        if (lastEventId != null) {
            replay(subscriber, lastEventId, viewer);
        }
        hub.start(subscriber);
        return emitter;
    }

    private void replay(StreamHub.Subscriber subscriber, long after, Viewer viewer) throws IOException {
        List<AuditLog.Entry> missed = auditLog.after(after, properties.maxReplay() + 1);
        if (missed.size() > properties.maxReplay()) {
            hub.send(subscriber, new Change("reset", "all", missed.get(missed.size() - 1).globalIndex(),
                    "TooManyMissed", null, true));
            return;
        }
        for (AuditLog.Entry entry : missed) {
            String sessionId = entry.event() instanceof ResolutionEvent r
                    ? sessions.sessionOfResolution(r.resolutionId().value()).orElse(null) : null;
            for (Change change : Changes.of(entry.event(), entry.globalIndex(), sessionId)) {
                if (viewer.member() || change.open()) {
                    hub.send(subscriber, change);
                }
            }
        }
    }

    private static Long parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw InvalidParameterException.of("Last-Event-ID", "must be a global index (a whole number)");
        }
    }
}

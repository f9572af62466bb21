package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.eventstore.Positions;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.web.InvalidParameterException;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /api/stream}: server-sent events, one per change of a read model, from the event store (see
 * {@link StreamTail}). A client that reconnects with {@code Last-Event-ID} (or {@code ?lastEventId=}) first gets
 * every change after that cursor, replayed from the event store, then the live ones: none missed, none twice (the
 * cursor is gap-aware and counts the changes of an event, see {@link StreamCursor}). More than
 * {@code ledger.stream.max-replay} missed changes are answered by a single {@code reset} event: reload everything.
 */
@RestController
public class StreamController {

    private static final int PAGE = 500;

    private final StreamHub hub;
    private final StreamTail tail;
    private final EventStoreGateway events;
    private final StreamProperties properties;

    public StreamController(StreamHub hub, StreamTail tail, EventStoreGateway events, StreamProperties properties) {
        this.hub = hub;
        this.tail = tail;
        this.events = events;
        this.properties = properties;
    }

    @GetMapping(path = "/api/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
                             @RequestParam(name = "lastEventId", required = false) String lastEventIdParam,
                             Authentication authentication) throws IOException, InterruptedException {
        String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParam;
        StreamCursor cursor = lastEventId == null || lastEventId.isBlank() ? null : StreamCursor.parse(lastEventId);
        if (lastEventId != null && !lastEventId.isBlank() && cursor == null) {
            throw InvalidParameterException.of("Last-Event-ID", "must be an id this stream sent (e.g. 120)");
        }
        Viewer viewer = Viewer.of(authentication);
        SseEmitter emitter = new SseEmitter(0L);
        // registered before the replay is read, so that nothing falls between the replay and the live changes
        StreamTail.Subscription subscription = tail.subscribe(viewer, emitter);
        emitter.send(SseEmitter.event().comment("connected"));
        if (cursor != null) {
            replay(subscription, cursor, viewer);
        }
        hub.start(subscription.subscriber());
        return emitter;
    }

    /** The changes after the cursor that the live feed had already passed when the client subscribed. */
    private void replay(StreamTail.Subscription subscription, StreamCursor cursor, Viewer viewer) throws IOException {
        TrackingToken live = subscription.livePosition();
        long liveIndex = live == null ? -1 : live.position().orElse(-1);
        List<Change> missed = new ArrayList<>();
        TrackingToken from = events.at(cursor.position());
        // events the replay passes over because they come live: the cursors it hands out must not cover them
        List<Long> passed = new ArrayList<>();
        boolean more = true;
        while (more && missed.size() <= properties.maxReplay()) {
            List<EventStoreGateway.Positioned> page = events.read(from, PAGE);
            more = !page.isEmpty();
            TrackingToken before = Positions.without(from, passed);
            for (EventStoreGateway.Positioned event : page) {
                long position = event.position();
                if (position > liveIndex && !Positions.seen(live, position)) {
                    more = false; // from here on everything comes live
                    break;
                }
                TrackingToken after = Positions.without(event.token(), passed);
                if (!Positions.seen(live, position)) {
                    passed.add(position);
                } else if (event.payload() instanceof LedgerEvent ledgerEvent) {
                    List<Change> changes = tail.changes(ledgerEvent, position, before, after);
                    int skip = position == cursor.partial() ? cursor.received() : 0;
                    missed.addAll(changes.subList(Math.min(skip, changes.size()), changes.size()));
                }
                before = Positions.without(event.token(), passed);
                from = event.token();
            }
        }
        if (missed.size() > properties.maxReplay()) {
            Change last = missed.get(missed.size() - 1);
            hub.send(subscription.subscriber(), new Change("reset", "all", last.globalIndex(), "TooManyMissed", null,
                    true, last.cursor()));
            return;
        }
        for (Change change : missed) {
            if ((viewer.member() || change.open()) && !hub.send(subscription.subscriber(), change)) {
                return; // dropped while replaying: the client reconnects from the last change it got
            }
        }
    }
}

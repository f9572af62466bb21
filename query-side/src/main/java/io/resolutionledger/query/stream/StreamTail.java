package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.LedgerEvent;
import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.eventstore.Positions;
import io.resolutionledger.query.security.Viewer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the live stream from the event store itself: one reader per instance tails the global log (through the
 * gateway; gap-aware, so a late commit is delivered when it becomes visible) and turns each event into its changes
 * ({@link Changes}). Every instance therefore tells its subscribers of every change, whichever instance projected
 * it and however far its projections lag. The stream says "this changed"; a client that then reads a projection
 * which has not caught up yet sees the older state until it has (the dashboard simply reads again on the next
 * change).
 */
@Component
public class StreamTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamTail.class);
    private static final int REMEMBERED_RESOLUTIONS = 100_000;

    private final EventStoreGateway events;
    private final StreamHub hub;
    /** The session each resolution was proposed for, for the changes of events that do not name it. */
    private final Map<String, String> sessions = Collections.synchronizedMap(
            new LinkedHashMap<>(1_024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > REMEMBERED_RESOLUTIONS;
                }
            });
    private volatile boolean running;
    private Thread thread;
    /** Guarded by this: the position of the last event whose changes were broadcast. */
    private TrackingToken position;
    private boolean positioned;

    public StreamTail(EventStoreGateway events, StreamHub hub) {
        this.events = events;
        this.hub = hub;
    }

    /**
     * Registers a subscriber and answers the position from which on it hears every change live; the changes up to
     * that position (and after the client's cursor) are the replay's.
     */
    public synchronized Subscription subscribe(Viewer viewer, SseEmitter emitter) throws InterruptedException {
        while (!positioned && running) {
            wait(100);
        }
        return new Subscription(hub.subscribe(viewer, emitter), position);
    }

    public record Subscription(StreamHub.Subscriber subscriber, TrackingToken livePosition) {
    }

    /** The changes an event causes, in their fixed order (the cursor counts them). */
    List<Change> changes(LedgerEvent event, long globalIndex, TrackingToken before, TrackingToken after) {
        String sessionId = null;
        if (event instanceof ResolutionProposed proposed) {
            sessions.put(proposed.resolutionId().value(), proposed.sessionId().value());
        } else if (event instanceof ResolutionEvent resolution) {
            sessionId = sessionOf(resolution.resolutionId().value());
        }
        List<Change> plain = Changes.of(event, globalIndex, sessionId);
        String from = Positions.cursor(before);
        String to = Positions.cursor(after);
        List<Change> changes = new ArrayList<>(plain.size());
        for (int i = 0; i < plain.size(); i++) {
            changes.add(plain.get(i).at(StreamCursor.of(from, to, globalIndex, i, plain.size())));
        }
        return changes;
    }

    private String sessionOf(String resolutionId) {
        String known = sessions.get(resolutionId);
        if (known != null) {
            return known;
        }
        for (EventStoreGateway.Positioned event : events.aggregate(resolutionId)) {
            if (event.payload() instanceof ResolutionProposed proposed) {
                sessions.put(resolutionId, proposed.sessionId().value());
                return proposed.sessionId().value();
            }
        }
        return null;
    }

    private void run() {
        while (running) {
            TrackingToken start;
            synchronized (this) {
                if (!positioned) {
                    position = events.head();
                    positioned = true;
                    notifyAll();
                }
                start = position;
            }
            try (BlockingStream<TrackedEventMessage<?>> stream = events.open(start)) {
                TrackingToken before = start;
                while (running) {
                    if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    TrackingToken after = message.trackingToken();
                    List<Change> changes = message.getPayload() instanceof LedgerEvent event
                            ? changes(event, Positions.of(before, after), before, after) : List.of();
                    synchronized (this) {
                        position = after;
                        hub.broadcast(changes);
                    }
                    before = after;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // e.g. the database is away: start again from the last position broadcast
                log.warn("live stream reader failed, reading again from its position: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "live-stream-reader");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

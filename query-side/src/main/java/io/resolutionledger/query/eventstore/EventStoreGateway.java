package io.resolutionledger.query.eventstore;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The query side's one way to read events: through Axon's {@link EventStore} (one aggregate's events) and
 * {@link StreamableMessageSource} (the global log), so that upcasters apply and the same code runs on the JDBC store
 * and on Axon Server. Positions come from tracking tokens ({@link Positions}), never from SQL; only the storage
 * wiring (config.AxonConfig) knows where the events are kept.
 */
public class EventStoreGateway {

    private final EventStore eventStore;
    private final StreamableMessageSource<TrackedEventMessage<?>> log;
    private final boolean gapAware;
    private final StoredEvents stored;

    /**
     * The events exactly as stored: the same storage, read by a storage engine without upcasters, so every message
     * carries the stored payload bytes, type and revision. The verifiable log is built from these: an upcaster added
     * later changes what the projections see, never a leaf (else {@code verify} would report every upcast event as
     * rewritten and every proof handed out would break).
     *
     * @param log       the global log, in the store's order
     * @param aggregate one aggregate's events from sequence 0 (never from a snapshot)
     */
    public record StoredEvents(StreamableMessageSource<TrackedEventMessage<?>> log,
                               Function<String, DomainEventStream> aggregate) {
    }

    /**
     * @param gapAware whether the log's tokens are gap-aware (the JDBC store) or plain global sequences (Axon Server)
     * @param stored   the non-upcasting read path (see {@link StoredEvents})
     */
    public EventStoreGateway(EventStore eventStore, StreamableMessageSource<TrackedEventMessage<?>> log,
                             boolean gapAware, StoredEvents stored) {
        this.eventStore = eventStore;
        this.log = log;
        this.gapAware = gapAware;
        this.stored = stored;
    }

    /** An event with its position in the global log (null where the store does not say, see {@link #aggregate}). */
    public record Positioned(Long position, TrackingToken token, org.axonframework.eventhandling.EventMessage<?> message) {

        public Object payload() {
            return message.getPayload();
        }

        public DomainEventMessage<?> domain() {
            return message instanceof DomainEventMessage<?> domain ? domain : null;
        }
    }

    /** The source the projections' processors and the live stream read. */
    public StreamableMessageSource<TrackedEventMessage<?>> log() {
        return log;
    }

    /**
     * Every event of one aggregate in its order (from sequence 0, never from a snapshot). The JDBC wiring delivers
     * each with its global position; Axon Server's aggregate reads carry none (position null).
     */
    public List<Positioned> aggregate(String aggregateId) {
        return positioned(eventStore.readEvents(aggregateId, 0));
    }

    /** Like {@link #aggregate}, but as stored: not upcast (see {@link StoredEvents}). */
    public List<Positioned> storedAggregate(String aggregateId) {
        return positioned(stored.aggregate().apply(aggregateId));
    }

    private static List<Positioned> positioned(DomainEventStream stream) {
        List<Positioned> events = new ArrayList<>();
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            Long position = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                    ? tracked.trackingToken().position().stream().boxed().findFirst().orElse(null) : null;
            events.add(new Positioned(position, null, message));
        }
        return events;
    }

    /** The token of a stream that has seen everything up to {@code position} and nothing after it. */
    public TrackingToken after(long position) {
        if (position <= 0) {
            return null;
        }
        return gapAware ? GapAwareTrackingToken.newInstance(position, List.of()) : Positions.globalSequence(position);
    }

    /** The token of a client's cursor (see {@link Positions#cursor}). */
    public TrackingToken at(Positions.Cursor cursor) {
        if (cursor.index() <= 0 && cursor.gaps().isEmpty()) {
            return null;
        }
        return gapAware ? GapAwareTrackingToken.newInstance(cursor.index(), cursor.gaps())
                : Positions.globalSequence(cursor.index());
    }

    /** At most {@code limit} events of the global log that a stream at {@code from} has not seen, in log order. */
    public List<Positioned> read(TrackingToken from, int limit) {
        List<Positioned> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = log.openStream(from)) {
            TrackingToken previous = from;
            while (events.size() < limit && stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                events.add(new Positioned(Positions.of(previous, message.trackingToken()), message.trackingToken(),
                        message));
                previous = message.trackingToken();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return events;
    }

    /** Whether the global log holds an event that a stream at {@code from} has not seen. */
    public boolean anyAfter(TrackingToken from) {
        try (BlockingStream<TrackedEventMessage<?>> stream = log.openStream(from)) {
            return stream.hasNextAvailable(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A stream of the global log from {@code from} (null: from the start); the caller closes it. */
    public BlockingStream<TrackedEventMessage<?>> open(TrackingToken from) {
        return log.openStream(from);
    }

    /** Like {@link #open}, but as stored: not upcast (see {@link StoredEvents}). */
    public BlockingStream<TrackedEventMessage<?>> openStored(TrackingToken from) {
        return stored.log().openStream(from);
    }

    /** The token of a stream at the current end of the log. */
    public TrackingToken head() {
        return log.createHeadToken();
    }
}

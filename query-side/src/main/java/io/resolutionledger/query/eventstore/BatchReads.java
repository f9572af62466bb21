package io.resolutionledger.query.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.List;

/**
 * A storage engine that reads the global log one batch at a time, for {@link NotifiedEventSource}'s shared tail.
 * <p>
 * Axon's {@code readEvents(token, false)} over a batching engine ends only at an empty batch (a short batch may be
 * short because of gaps), so every read of the log's end costs a second, empty batch and, for the empty one, the
 * JDBC engine's extended gap check: three queries where one found everything. A source whose engine offers this
 * reads one batch and decides itself whether the end is reached ({@link NotifiedEventSource}: only when the batch
 * holds events of its window and stops short of the window's top). The query side's JDBC engine offers it (with
 * Axon Server the source is not used at all); an engine without it is read through {@code readEvents}.
 */
public interface BatchReads {

    /**
     * The events after {@code token} in one batch: the events of the window of {@code size} positions after the
     * token's index and those that fill its gaps, in the log's order, upcast and decoded as {@code readEvents}
     * gives them. Empty when the window holds none (the engine has then looked past the window for a wider gap).
     */
    List<? extends TrackedEventMessage<?>> readBatch(TrackingToken token, int size);

    /** The positions the engine's own batches cover (the most a read of the tail asks for at once). */
    int batchSize();

    /** The position a token of this engine stands at (its index; an event's token: the event's), -1 for none. */
    long indexOf(TrackingToken token);
}

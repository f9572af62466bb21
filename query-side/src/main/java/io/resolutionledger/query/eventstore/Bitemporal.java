package io.resolutionledger.query.eventstore;

import io.resolutionledger.api.event.LedgerEvent;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A point of bitemporal time travel (API.md, "Time travel is bitemporal"): {@code asOf}, the business time (what had
 * happened by then, judged by each event's {@code occurredAt}), and {@code knownAt}, the recording time (what the
 * ledger had written by then, judged by each event's timestamp); either may be absent (then: everything). "What was
 * adopted on 2024-04-19?" is {@code asOf}; "what did the ledger show on 2024-05-01?" is {@code knownAt}; together:
 * "what did the ledger on 2024-05-01 say had been adopted by 2024-04-19?".
 */
public record Bitemporal(Instant asOf, Instant knownAt) {

    public static final Bitemporal NOW = new Bitemporal(null, null);

    public boolean travels() {
        return asOf != null || knownAt != null;
    }

    /** Whether the ledger had recorded the event by {@code knownAt}. */
    public boolean knows(EventMessage<?> message) {
        return knownAt == null || !message.getTimestamp().isAfter(knownAt);
    }

    /** Whether the event had happened by {@code asOf}. */
    public boolean occurred(LedgerEvent event) {
        return asOf == null || !event.occurredAt().isAfter(asOf);
    }

    /**
     * The events of one aggregate (in its order) that count at this point: its history up to the first event the
     * ledger did not know yet or that had not happened yet. A prefix, because an aggregate's events follow each other
     * on both clocks (imported history is recorded in order), and a fold never skips an event of its aggregate.
     */
    public <E extends LedgerEvent> List<E> history(List<EventStoreGateway.Positioned> events, Class<E> type) {
        List<E> history = new ArrayList<>();
        for (EventStoreGateway.Positioned event : events) {
            if (!type.isInstance(event.payload())) {
                continue;
            }
            E payload = type.cast(event.payload());
            if (!knows(event.message()) || !occurred(payload)) {
                break;
            }
            history.add(payload);
        }
        return history;
    }
}

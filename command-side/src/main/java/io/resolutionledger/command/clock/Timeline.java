package io.resolutionledger.command.clock;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.LedgerEvent;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;

/**
 * The business time of an aggregate's latest event, kept as an {@code @AggregateMember} of every aggregate: Axon
 * forwards each of the aggregate's events to it, whatever the aggregate's own handlers do. Its one rule: history
 * recorded after the fact is recorded in order, so an imported command may not be dated before the aggregate's
 * latest event. Live commands are not judged: they happen now, and the wall clocks of two instances may differ by a
 * few milliseconds.
 */
public final class Timeline {

    // null before the first event, and in a snapshot taken before this member existed (then the next event sets it)
    private Instant latest;

    public Timeline() {
        // for Axon and the snapshot serializer
    }

    @EventSourcingHandler
    void on(LedgerEvent event) {
        if (event.occurredAt() != null && (latest == null || event.occurredAt().isAfter(latest))) {
            latest = event.occurredAt();
        }
    }

    /** Refuses an imported command dated before this aggregate's latest event ({@code OUT_OF_ORDER}). */
    public void ensureInOrder(CommandMessage<?> command) {
        BusinessClock.declaredBy(command).ifPresent(declared -> {
            if (latest != null && declared.isBefore(latest)) {
                throw new LedgerRefusedException(ErrorCode.OUT_OF_ORDER, "occurredAt " + declared
                        + " precedes this aggregate's latest event (" + latest + "); history is recorded in order");
            }
        });
    }
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The chair put the agenda in a new order before the session opened: {@code items} are every item's id,
 * numbered 1, 2, … in this order. */
@Revision("1")
public record AgendaReordered(
        SessionId sessionId,
        List<String> items,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {

    public AgendaReordered {
        items = items == null ? List.of() : List.copyOf(items);
    }
}

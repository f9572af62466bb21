package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair put an item (TOP) on the session's agenda, numbered after the last one. */
@Revision("1")
public record AgendaItemAdded(
        SessionId sessionId,
        String itemId,
        int number,
        AgendaItemKind kind,
        String title,
        ResolutionId resolutionId,
        String presenter,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

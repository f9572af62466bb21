package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair cancelled a session not yet opened; it takes place no more. */
@Revision("1")
public record SessionCancelled(
        SessionId sessionId,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

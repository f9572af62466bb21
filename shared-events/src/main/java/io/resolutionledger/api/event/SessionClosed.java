package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair closed the session. */
@Revision("1")
public record SessionClosed(
        SessionId sessionId,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

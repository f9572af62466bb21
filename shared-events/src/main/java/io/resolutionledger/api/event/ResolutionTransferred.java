package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair moved a resolution not yet voted on to a coming session. */
@Revision("1")
public record ResolutionTransferred(
        ResolutionId resolutionId,
        SessionId fromSessionId,
        SessionId toSessionId,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The sponsor withdrew the resolution before a vote. */
@Revision("1")
public record ResolutionWithdrawn(
        ResolutionId resolutionId,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair declared the resolution rejected. */
@Revision("1")
public record ResolutionRejected(
        ResolutionId resolutionId,
        SessionId sessionId,
        long version,
        Tally tally,
        VotingRule rule,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair declared the resolution adopted; the tally met the rule recorded when the vote opened. */
@Revision("1")
public record ResolutionAdopted(
        ResolutionId resolutionId,
        SessionId sessionId,
        long version,
        Tally tally,
        VotingRule rule,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

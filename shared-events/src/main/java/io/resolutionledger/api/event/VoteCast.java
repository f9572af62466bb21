package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A member delegation (the actor) cast its one vote on the frozen version. */
@Revision("1")
public record VoteCast(
        ResolutionId resolutionId,
        long version,
        VoteChoice choice,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

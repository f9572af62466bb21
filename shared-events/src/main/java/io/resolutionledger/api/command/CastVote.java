package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cast the actor's one vote. The actor is the caller's delegation, taken from its token, never from a request body. */
public record CastVote(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        VoteChoice choice,
        DelegationCode actor
) {
}

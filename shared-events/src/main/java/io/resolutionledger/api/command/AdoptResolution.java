package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare the resolution adopted; only the chair, and only when the tally meets the rule recorded at the opening of the vote. The actor is the caller's delegation, taken from its token, never from a request body. */
public record AdoptResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        DelegationCode actor
) {
}

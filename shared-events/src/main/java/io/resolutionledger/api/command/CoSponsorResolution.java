package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Join a resolution as a co-sponsor. The actor is the caller's delegation, taken from its token, never from a request body. */
public record CoSponsorResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        DelegationCode actor
) {
}

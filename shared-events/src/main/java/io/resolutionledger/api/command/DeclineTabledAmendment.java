package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Decline a tabled amendment; only the sponsor. The actor is the caller's delegation, taken from its token, never from a request body. */
public record DeclineTabledAmendment(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        AmendmentId amendmentId,
        String reason,
        DelegationCode actor
) {
}

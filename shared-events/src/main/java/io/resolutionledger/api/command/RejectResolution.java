package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declare the resolution rejected; only the chair, and only when the tally does not meet the rule. The actor is the caller's delegation, taken from its token, never from a request body. */
public record RejectResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String reason,
        DelegationCode actor
) {
}

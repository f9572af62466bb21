package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraw a proposed resolution; only the sponsor. The actor is the caller's delegation, taken from its token, never from a request body. */
public record WithdrawResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String reason,
        DelegationCode actor
) {
}

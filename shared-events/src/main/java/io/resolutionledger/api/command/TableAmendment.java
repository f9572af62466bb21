package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Table an amendment for the sponsor to accept or decline; any member other than the sponsors. The actor is the caller's delegation, taken from its token, never from a request body. */
public record TableAmendment(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        AmendmentId amendmentId,
        String title,
        String text,
        String reason,
        DelegationCode actor
) {
}

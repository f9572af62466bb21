package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Accept a tabled amendment; only the sponsor, and only at the expected version. The actor is the caller's delegation, taken from its token, never from a request body. */
public record AcceptTabledAmendment(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        AmendmentId amendmentId,
        long expectedVersion,
        DelegationCode actor
) {
}

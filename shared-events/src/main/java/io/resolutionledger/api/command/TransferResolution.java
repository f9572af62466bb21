package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a resolution not yet voted on to a coming session of the same conference; only the chair of the
 * current session's date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record TransferResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        SessionId sessionId,
        DelegationCode actor
) {
}

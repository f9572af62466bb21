package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancel a session not yet opened; only the chair of its date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record CancelSession(
        @TargetAggregateIdentifier SessionId sessionId,
        String reason,
        DelegationCode actor
) {
}

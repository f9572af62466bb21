package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close an open session; only its chair. The actor is the caller's delegation, taken from its token, never from a request body. */
public record CloseSession(
        @TargetAggregateIdentifier SessionId sessionId,
        DelegationCode actor
) {
}

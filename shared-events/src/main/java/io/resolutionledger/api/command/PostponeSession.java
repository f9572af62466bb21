package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Move a session not yet opened to another date; only the chair of its current date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record PostponeSession(
        @TargetAggregateIdentifier SessionId sessionId,
        LocalDate date,
        String reason,
        DelegationCode actor
) {
}

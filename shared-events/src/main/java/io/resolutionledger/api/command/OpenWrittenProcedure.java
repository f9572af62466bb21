package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Put a proposed resolution to a vote in writing, no session needed; only the chair of the resolution's session's
 * date. {@code rule} names a rule of the conference's catalogue, null for its default; {@code deadline} is when the
 * ledger decides. The actor is the caller's delegation, taken from its token.
 */
public record OpenWrittenProcedure(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        Instant deadline,
        String rule,
        DelegationCode actor
) {
}

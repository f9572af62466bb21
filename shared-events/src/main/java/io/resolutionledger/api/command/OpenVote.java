package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open the vote on the current version; only the chair of the session's date, and only while the session is open.
 * {@code rule} names a rule of the conference's catalogue, null for its default. The actor is the caller's
 * delegation, taken from its token, never from a request body.
 */
public record OpenVote(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String rule,
        DelegationCode actor
) {
}

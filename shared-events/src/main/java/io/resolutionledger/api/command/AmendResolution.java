package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the text (and optionally the title) directly; only the sponsor or a co-sponsor, and only at the expected version. The actor is the caller's delegation, taken from its token, never from a request body. */
public record AmendResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        long expectedVersion,
        String title,
        String text,
        String reason,
        DelegationCode actor
) {
}

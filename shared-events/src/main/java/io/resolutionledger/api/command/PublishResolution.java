package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish an adopted resolution under a reference; only the chair. The actor is the caller's delegation, taken from its token, never from a request body. */
public record PublishResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String reference,
        DelegationCode actor
) {
}

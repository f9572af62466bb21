package io.resolutionledger.api.command;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a subscription: its owner only ({@code admin} for one an administrator made). */
public record DeleteSubscription(
        @TargetAggregateIdentifier String subscriptionId,
        DelegationCode actor,
        boolean admin
) {
}

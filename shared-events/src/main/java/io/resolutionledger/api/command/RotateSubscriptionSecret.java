package io.resolutionledger.api.command;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a subscription a new signing secret: its owner only ({@code admin} for one an administrator made). Deliveries
 * carry a signature with the new secret and, for an overlap, one with the previous secret too (Standard Webhooks
 * allows several), so that a receiver can switch without losing a delivery.
 */
public record RotateSubscriptionSecret(
        @TargetAggregateIdentifier String subscriptionId,
        DelegationCode actor,
        boolean admin
) {
}

package io.resolutionledger.api.event;

/** The events of one webhook subscription. */
public sealed interface SubscriptionEvent extends LedgerEvent permits SubscriptionCreated, SubscriptionDeleted,
        SubscriptionSecretRotated {

    String subscriptionId();
}

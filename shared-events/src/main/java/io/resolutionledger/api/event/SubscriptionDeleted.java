package io.resolutionledger.api.event;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The owner ended a webhook subscription: nothing after this event is delivered to it. */
@Revision("1")
public record SubscriptionDeleted(
        String subscriptionId,
        DelegationCode actor,
        Instant occurredAt
) implements SubscriptionEvent {
}

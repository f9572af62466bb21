package io.resolutionledger.api.event;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * A delegation (or an administrator, {@code owner = "admin"}) subscribed a URL to event types ({@code *} for all).
 * {@code readsUnpublished}: whether the owner may read what is not yet published (a member delegation or an
 * administrator; a guest may not), decided when it subscribed. The secret is not here: both services derive it from
 * the subscription's id and a key outside the database ({@code api.webhooks.WebhookSecrets}).
 */
@Revision("1")
public record SubscriptionCreated(
        String subscriptionId,
        String owner,
        String url,
        List<String> events,
        boolean readsUnpublished,
        DelegationCode actor,
        Instant occurredAt
) implements SubscriptionEvent {

    public SubscriptionCreated {
        events = events == null ? List.of() : List.copyOf(events);
    }
}

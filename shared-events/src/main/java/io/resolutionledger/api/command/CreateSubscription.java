package io.resolutionledger.api.command;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Subscribe a URL to event types for the caller's delegation ({@code actor}), or for administrators ({@code actor}
 * null, {@code admin} true).
 */
public record CreateSubscription(
        @TargetAggregateIdentifier String subscriptionId,
        String url,
        List<String> events,
        DelegationCode actor,
        boolean admin
) {
    public CreateSubscription {
        events = events == null ? List.of() : List.copyOf(events);
    }
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The owner rotated a subscription's signing secret. The secret itself is never in the log: both services derive the
 * secret of each {@code generation} from the ledger's webhook key (generation 0 is the subscription's first). Until
 * {@code previousValidUntil} deliveries are signed with the previous generation's secret as well.
 */
@Revision("1")
public record SubscriptionSecretRotated(
        String subscriptionId,
        int generation,
        Instant previousValidUntil,
        DelegationCode actor,
        Instant occurredAt
) implements SubscriptionEvent {
}

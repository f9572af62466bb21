package io.resolutionledger.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code ledger.webhooks}, one record for both services (each reads what it uses):
 * <ul>
 *   <li>both: the hosts webhooks may be sent to ({@code LEDGER_WEBHOOKS_ALLOWED_HOSTS}, comma-separated; none by
 *       default: no subscription is accepted until an operator names its hosts) and the ledger's webhook key
 *       ({@code LEDGER_WEBHOOKS_SECRET_KEY}, base64, the same on both services, outside the database) from which
 *       each subscription's secret is derived;</li>
 *   <li>the command side: {@code rotation-overlap} ({@code LEDGER_WEBHOOKS_ROTATION_OVERLAP}, 24h), how long a
 *       rotated-out secret keeps signing deliveries beside the new one;</li>
 *   <li>the query side: how deliveries are sent: every {@code poll-interval}, each with a {@code timeout}, retried
 *       after {@code backoff}, doubled on each further attempt, and parked after {@code max-attempts}.</li>
 * </ul>
 */
@ConfigurationProperties("ledger.webhooks")
public record WebhookProperties(List<String> allowedHosts, String secretKey,
                                @DefaultValue("24h") Duration rotationOverlap,
                                @DefaultValue("500ms") Duration pollInterval,
                                @DefaultValue("5s") Duration timeout,
                                @DefaultValue("2s") Duration backoff,
                                @DefaultValue("8") int maxAttempts) {

    public WebhookProperties {
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
        rotationOverlap = rotationOverlap == null ? Duration.ofHours(24) : rotationOverlap;
        if (rotationOverlap.isNegative()) {
            throw new IllegalArgumentException("ledger.webhooks.rotation-overlap is not negative");
        }
    }

    public boolean configured() {
        return secretKey != null && !secretKey.isBlank();
    }

    public byte[] key() {
        return Base64.getDecoder().decode(secretKey.strip());
    }

    /** The wait before attempt {@code n + 1} after {@code n} failed ones: backoff, 2 × backoff, 4 × backoff, … */
    public Duration delayAfter(int failedAttempts) {
        return backoff.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempts - 1)));
    }
}

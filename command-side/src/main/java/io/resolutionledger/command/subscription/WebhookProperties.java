package io.resolutionledger.command.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Base64;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ledger.webhooks}: the hosts webhooks may be sent to ({@code LEDGER_WEBHOOKS_ALLOWED_HOSTS}, comma-separated;
 * none by default: no subscription is accepted until an operator names its hosts), and the ledger's webhook key
 * ({@code LEDGER_WEBHOOKS_SECRET_KEY}, base64, the same on both services) from which each subscription's secret is
 * derived; {@code rotation-overlap} ({@code LEDGER_WEBHOOKS_ROTATION_OVERLAP}, 24h) is how long a rotated-out
 * secret keeps signing deliveries beside the new one.
 */
@ConfigurationProperties("ledger.webhooks")
public record WebhookProperties(List<String> allowedHosts, String secretKey, Duration rotationOverlap) {

    /** How long a rotated-out secret keeps signing beside the new one, unless configured. */
    public static final Duration DEFAULT_ROTATION_OVERLAP = Duration.ofHours(24);

    public WebhookProperties {
        rotationOverlap = rotationOverlap == null ? DEFAULT_ROTATION_OVERLAP : rotationOverlap;
        if (rotationOverlap.isNegative()) {
            throw new IllegalArgumentException("ledger.webhooks.rotation-overlap is not negative");
        }
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    public boolean configured() {
        return secretKey != null && !secretKey.isBlank();
    }

    public byte[] key() {
        return Base64.getDecoder().decode(secretKey.strip());
    }
}

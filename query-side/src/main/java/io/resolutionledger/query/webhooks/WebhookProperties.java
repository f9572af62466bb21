package io.resolutionledger.query.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code ledger.webhooks} on the query side: the same allowed hosts and key as the command side's, and how deliveries
 * are sent: every {@code poll-interval}, each with a {@code timeout}, retried after {@code backoff}, doubled on each
 * further attempt, and parked after {@code max-attempts}.
 */
@ConfigurationProperties("ledger.webhooks")
public record WebhookProperties(List<String> allowedHosts, String secretKey,
                                @DefaultValue("500ms") Duration pollInterval,
                                @DefaultValue("5s") Duration timeout,
                                @DefaultValue("2s") Duration backoff,
                                @DefaultValue("8") int maxAttempts) {

    public WebhookProperties {
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

    /** The wait before attempt {@code n + 1} after {@code n} failed ones: backoff, 2 × backoff, 4 × backoff, … */
    public Duration delayAfter(int failedAttempts) {
        return backoff.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempts - 1)));
    }
}

package io.resolutionledger.query.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code ledger.stream.limits}: how many live-stream connections ({@code /api/stream}) one client address and the
 * whole instance hold at once, how long one lives (then the server ends it; the client reconnects with
 * {@code Last-Event-ID} and misses nothing), and what {@code Retry-After} a refused client is told.
 */
@ConfigurationProperties(prefix = "ledger.stream.limits")
public record StreamLimitProperties(Integer perAddress, Integer global, Duration maxLifetime, Duration retryAfter) {

    public StreamLimitProperties {
        perAddress = perAddress == null ? 8 : perAddress;
        global = global == null ? 256 : global;
        maxLifetime = maxLifetime == null ? Duration.ofMinutes(30) : maxLifetime;
        retryAfter = retryAfter == null ? Duration.ofSeconds(10) : retryAfter;
    }
}

package io.resolutionledger.command.ratelimit;

import io.resolutionledger.api.limits.TokenBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The per-caller limit of command requests ({@code POST /api/**}): {@code ledger.rate-limit.commands.per-second}
 * (default 50) refill and {@code ledger.rate-limit.commands.burst} (default 100); {@code ledger.rate-limit.enabled}
 * switches it off. Per instance: two instances let a caller through twice as often.
 */
@Component
public class CommandRateLimiter {

    public static final int MAX_CALLERS = 10_000;

    private final TokenBuckets buckets;
    private final boolean enabled;

    public CommandRateLimiter(@Value("${ledger.rate-limit.commands.per-second:50}") double perSecond,
                              @Value("${ledger.rate-limit.commands.burst:100}") int burst,
                              @Value("${ledger.rate-limit.enabled:true}") boolean enabled) {
        this.buckets = new TokenBuckets(new TokenBuckets.Limits(perSecond, burst), MAX_CALLERS);
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public TokenBuckets buckets() {
        return buckets;
    }
}

package io.resolutionledger.query.ratelimit;

import io.resolutionledger.api.limits.TokenBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The per-caller limit of the auditors' expensive endpoints ({@code /api/audit/**}: the whole log, exports, the hash
 * chain): {@code ledger.rate-limit.audit.per-minute} (default 30) refill and {@code ledger.rate-limit.audit.burst}
 * (default 10); {@code ledger.rate-limit.enabled} switches it off. Per instance, not global.
 */
@Component
public class AuditRateLimiter {

    public static final int MAX_CALLERS = 10_000;

    private final TokenBuckets buckets;
    private final boolean enabled;

    public AuditRateLimiter(@Value("${ledger.rate-limit.audit.per-minute:30}") double perMinute,
                            @Value("${ledger.rate-limit.audit.burst:10}") int burst,
                            @Value("${ledger.rate-limit.enabled:true}") boolean enabled) {
        this.buckets = new TokenBuckets(new TokenBuckets.Limits(perMinute / 60.0, burst), MAX_CALLERS);
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public TokenBuckets buckets() {
        return buckets;
    }
}

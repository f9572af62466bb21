package io.resolutionledger.api.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller key, in memory, for this instance only (not shared between instances). A bucket holds
 * at most {@code burst} tokens and refills at {@code ratePerSecond}; a request takes one token or is told how long to
 * wait. Memory is bounded: the buckets live in an access-ordered LRU map of at most {@code maxCallers} entries, so the
 * least recently seen caller is forgotten first (a forgotten caller starts again with a full bucket). The limits can
 * be changed at run time ({@link #setLimits}), which tests use instead of a new Spring context.
 *
 * <p>Not a message: the one piece of plain Java both services apply (to commands and to the auditors' endpoints).
 * It lives in the shared module because the services share nothing else; it has no dependency beyond the JDK.
 */
public final class TokenBuckets {

    /** How a caller is limited: a refill rate in tokens per second and the bucket's size. */
    public record Limits(double ratePerSecond, int burst) {
        public Limits {
            if (!(ratePerSecond > 0) || burst < 1) {
                throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final Limits defaults;
    private final int maxCallers;
    private final LongSupplier nanoClock;
    private volatile Limits limits;
    private final LinkedHashMap<String, Bucket> buckets;

    public TokenBuckets(Limits limits, int maxCallers) {
        this(limits, maxCallers, System::nanoTime);
    }

    public TokenBuckets(Limits limits, int maxCallers, LongSupplier nanoClock) {
        this.defaults = limits;
        this.limits = limits;
        this.maxCallers = maxCallers;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > TokenBuckets.this.maxCallers;
            }
        };
    }

    /**
     * Takes one token from the caller's bucket.
     *
     * @return 0 when the request may pass, otherwise the nanoseconds until a token is available again
     */
    public long tryAcquire(String caller) {
        Limits current = limits;
        long now = nanoClock.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.get(caller);
            if (bucket == null) {
                bucket = new Bucket(current.burst(), now);
                buckets.put(caller, bucket);
            } else {
                double elapsedSeconds = Math.max(0, now - bucket.updatedNanos) / 1e9;
                bucket.tokens = Math.min(current.burst(), bucket.tokens + elapsedSeconds * current.ratePerSecond());
                bucket.updatedNanos = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missing = 1 - bucket.tokens;
            return Math.max(1, (long) Math.ceil(missing / current.ratePerSecond() * 1e9));
        }
    }

    /** Whole seconds to wait, at least 1: the {@code Retry-After} value for a wait in nanoseconds. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    public Limits limits() {
        return limits;
    }

    /** New limits for every caller from now on; the buckets start full again. */
    public void setLimits(Limits limits) {
        this.limits = limits;
        clear();
    }

    /** Back to the configured limits, all buckets full. */
    public void reset() {
        setLimits(defaults);
    }

    public void clear() {
        synchronized (buckets) {
            buckets.clear();
        }
    }

    public int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}

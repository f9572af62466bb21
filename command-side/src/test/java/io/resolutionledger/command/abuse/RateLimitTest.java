package io.resolutionledger.command.abuse;

import io.resolutionledger.command.ratelimit.CommandRateLimiter;
import io.resolutionledger.api.limits.TokenBuckets;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-caller token buckets on command POSTs: the bucket itself, and 429 over HTTP with a low limit set for the test. */
class RateLimitTest extends CommandHttpTestSupport {

    @Autowired
    private CommandRateLimiter limiter;

    @AfterEach
    void resetLimits() {
        limiter.buckets().reset();
    }

    @Test
    void aBucketLetsTheBurstThroughThenRefillsAtTheRate() {
        AtomicLong now = new AtomicLong(0);
        TokenBuckets buckets = new TokenBuckets(new TokenBuckets.Limits(2, 3), 100, now::get);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isZero();
        long wait = buckets.tryAcquire("a");
        assertThat(wait).isEqualTo(500_000_000L);
        assertThat(TokenBuckets.retryAfterSeconds(wait)).isEqualTo(1);
        assertThat(buckets.tryAcquire("b")).as("another caller has its own bucket").isZero();
        now.addAndGet(500_000_000L);
        assertThat(buckets.tryAcquire("a")).isZero();
        assertThat(buckets.tryAcquire("a")).isPositive();
        now.addAndGet(60_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.tryAcquire("a")).as("refilled up to the burst only").isZero();
        }
        assertThat(buckets.tryAcquire("a")).isPositive();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentCaller() {
        TokenBuckets buckets = new TokenBuckets(new TokenBuckets.Limits(1, 1), 3);
        for (int i = 0; i < 10; i++) {
            buckets.tryAcquire("caller-" + i);
        }
        assertThat(buckets.size()).isEqualTo(3);
    }

    @Test
    void overTheLimitACallerGets429WithRetryAfterAndOthersAreUnaffected() {
        limiter.buckets().setLimits(new TokenBuckets.Limits(0.2, 3));
        String flooder = TestTokens.delegate(SPONSOR, "flooder-" + newId("u"));
        String resolution = "r-" + newId("x");
        for (int i = 0; i < 3; i++) {
            // unknown resolution: 404 each time, but each counts
            assertThat(post("/api/resolutions/" + resolution + "/cosponsors", flooder, null).status()).isEqualTo(404);
        }
        Response limited = post("/api/resolutions/" + resolution + "/cosponsors", flooder, null);
        assertProblem(limited, 429, "RATE_LIMITED");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 5L));
        Response other = post("/api/resolutions/" + resolution + "/cosponsors",
                TestTokens.delegate(SPONSOR, "calm-" + newId("u")), null);
        assertThat(other.status()).as("another caller").isEqualTo(404);
        assertThat(send(request("/actuator/health").GET().build()).status()).as("GETs are not limited").isEqualTo(200);
        assertThat(List.of(limited.status())).containsExactly(429);
    }
}

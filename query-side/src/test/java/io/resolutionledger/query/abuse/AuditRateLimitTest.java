package io.resolutionledger.query.abuse;

import io.resolutionledger.query.ratelimit.AuditRateLimiter;
import io.resolutionledger.api.limits.TokenBuckets;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The auditors' expensive endpoints are limited per caller: a dedicated auditor over a low limit gets 429. */
class AuditRateLimitTest extends QuerySideTest {

    @Autowired
    private AuditRateLimiter limiter;

    @AfterEach
    void resetLimits() {
        limiter.buckets().reset();
    }

    @Test
    void anAuditorOverTheLimitGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        limiter.buckets().setLimits(new TokenBuckets.Limits(1.0 / 60, 2));
        String flooder = auditor("auditor-flood-" + UUID.randomUUID());
        assertThat(http().get("/api/audit/verify", flooder).status()).isEqualTo(200);
        assertThat(http().get("/api/audit/verify", flooder).status()).isEqualTo(200);
        Http.Response limited = http().get("/api/audit/verify", flooder);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.body().get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(http().get("/api/audit/verify", auditor("auditor-calm-" + UUID.randomUUID())).status())
                .as("another auditor").isEqualTo(200);
        assertThat(http().get("/api/stats", flooder).status()).as("cheap reads are not limited").isEqualTo(200);
    }

    private static String auditor(String subject) {
        return Tokens.auditor(subject);
    }
}

package io.resolutionledger.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cache in front of the configured decoder: an accepted token is verified once until its expiry, a refused
 * token every time, a token without expiry every time. The decoder behind it here records its calls and accepts
 * tokens by name (the real decoders and tokens are exercised by SecurityHttpTest and the other HTTP tests).
 */
class CachingJwtDecoderTest {

    /** Accepts "ok-…" tokens (expiring at {@code expiry}), "noexp-…" tokens without expiry, refuses the rest. */
    static final class RecordingDecoder implements JwtDecoder {
        final List<String> calls = new ArrayList<>();
        Instant expiry;

        @Override
        public Jwt decode(String token) {
            calls.add(token);
            if (token.startsWith("ok-")) {
                return Jwt.withTokenValue(token).header("alg", "RS256").subject(token)
                        .issuedAt(expiry.minusSeconds(60)).expiresAt(expiry).build();
            }
            if (token.startsWith("noexp-")) {
                return new Jwt(token, null, null, Map.of("alg", "RS256"), Map.of("sub", token));
            }
            throw new BadJwtException("refused: " + token);
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final RecordingDecoder delegate = new RecordingDecoder();
    final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, 100, clock);

    @Test
    void anAcceptedTokenIsVerifiedOnceUntilItExpires() {
        delegate.expiry = clock.now.plus(Duration.ofMinutes(10));

        Jwt first = decoder.decode("ok-a");
        Jwt again = decoder.decode("ok-a");

        assertThat(again).isSameAs(first);
        assertThat(delegate.calls).containsExactly("ok-a");
        assertThat(decoder.size()).isEqualTo(1);

        clock.now = delegate.expiry; // expired: the configured decoder decides again (and would refuse it)
        decoder.decode("ok-a");
        assertThat(delegate.calls).containsExactly("ok-a", "ok-a");
    }

    @Test
    void otherTokensAreOtherEntries() {
        delegate.expiry = clock.now.plus(Duration.ofMinutes(10));

        decoder.decode("ok-a");
        decoder.decode("ok-b");
        decoder.decode("ok-a");

        assertThat(delegate.calls).containsExactly("ok-a", "ok-b");
    }

    @Test
    void aRefusedTokenIsRefusedEveryTimeAndNeverKept() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(delegate.calls).containsExactly("forged", "forged");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aTokenWithoutExpiryIsNotKept() {
        decoder.decode("noexp-a");
        decoder.decode("noexp-a");

        assertThat(delegate.calls).containsExactly("noexp-a", "noexp-a");
    }

    @Test
    void theCacheIsKeyedByTheTokensHashNotTheToken() {
        CachingJwtDecoder.Key key = CachingJwtDecoder.Key.of("ok-secret");

        assertThat(key).isEqualTo(CachingJwtDecoder.Key.of("ok-secret")).isNotEqualTo(CachingJwtDecoder.Key.of("ok-secreT"));
        assertThat(key.sha256()).hasSize(32);
        assertThat(key.toString()).doesNotContain("secret");
    }
}

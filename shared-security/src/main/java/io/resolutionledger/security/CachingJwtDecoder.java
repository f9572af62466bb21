package io.resolutionledger.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * Remembers the tokens the configured {@link JwtDecoder} accepted, until each one's {@code exp}: a delegation sends
 * many commands with one token, and checking its RS256 signature again on every request was the largest single
 * cost of a command (issue 11). Only accepted tokens are kept, keyed by the SHA-256 of the whole compact token (a
 * changed byte is another key, and a refused token is decoded, and refused, every time). A token without
 * {@code exp} is not kept. At most {@code ledger.security.jwt.cache-size} tokens (default 10,000), the least
 * recently used leave first. Whatever validation the wrapped decoder does (signature, algorithm, issuer,
 * audience, times) has been done once for each kept token; as the token's claims do not change, nor does the
 * outcome before its expiry, except for {@code nbf}, which a decoder that accepted the token has already passed.
 * Both services wrap every configured {@code JwtDecoder} bean (the fixed key's or the issuer's decoder) in one
 * ({@link LedgerJwtConfiguration#cachingJwtDecoders}): a query-side reader, the live stream's reconnects and the
 * dashboard's polls send one token many times too.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<Key, Jwt> accepted;

    public CachingJwtDecoder(JwtDecoder delegate, long maximumSize, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.accepted = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(new UntilExpiry(clock))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Key key = Key.of(token);
        Jwt jwt = accepted.getIfPresent(key);
        if (jwt != null && isBeforeExpiry(jwt)) {
            return jwt;
        }
        jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && isBeforeExpiry(jwt)) {
            accepted.put(key, jwt);
        }
        return jwt;
    }

    /** Caffeine's expiry is driven by its own ticker; the token's own clock decides too. */
    private boolean isBeforeExpiry(Jwt jwt) {
        return jwt.getExpiresAt() != null && clock.instant().isBefore(jwt.getExpiresAt());
    }

    long size() {
        accepted.cleanUp();
        return accepted.estimatedSize();
    }

    /** SHA-256 of the token: the cache never holds a usable bearer token as its key. */
    record Key(byte[] sha256) {
        static Key of(String token) {
            try {
                return new Key(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && Arrays.equals(sha256, k.sha256);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sha256);
        }

        @Override
        public String toString() {
            return "Key[sha256]";
        }
    }

    private record UntilExpiry(Clock clock) implements Expiry<Key, Jwt> {
        @Override
        public long expireAfterCreate(Key key, Jwt jwt, long currentTime) {
            Instant exp = jwt.getExpiresAt();
            return Math.max(0, Duration.between(clock.instant(), exp).toNanos());
        }

        @Override
        public long expireAfterUpdate(Key key, Jwt jwt, long currentTime, long currentDuration) {
            return expireAfterCreate(key, jwt, currentTime);
        }

        @Override
        public long expireAfterRead(Key key, Jwt jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}

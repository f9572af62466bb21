package io.resolutionledger.query.support;

import io.resolutionledger.testkit.DevTokens;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Test JWTs, minted by the testkit's {@link DevTokens} (RS256, the committed development key), valid for an hour. */
public final class Tokens {

    public static final String ISSUER = DevTokens.ISSUER;
    public static final String AUDIENCE = DevTokens.AUDIENCE;
    private static final Duration HOUR = Duration.ofHours(1);

    private Tokens() {
    }

    public static String delegate(String delegation) {
        return DevTokens.delegate(delegation, "user-" + delegation.toLowerCase(), HOUR);
    }

    public static String auditor() {
        return DevTokens.role("auditor", "auditor-1", HOUR);
    }

    /** An auditor with a subject of its own (a person of its own for the per-caller limits). */
    public static String auditor(String subject) {
        return DevTokens.role("auditor", subject, HOUR);
    }

    public static String admin() {
        return DevTokens.role("admin", "admin-1", HOUR);
    }

    public static String expired(String delegation) {
        return DevTokens.sign(DevTokens.claims("user-x", delegation, List.of("delegate"), HOUR.negated()));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String foreign(String delegation) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey other = generator.generateKeyPair().getPrivate();
            return DevTokens.sign(DevTokens.claims("mallory", delegation, List.of("delegate"), HOUR), other);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dev key's delegate token, meant for another service. */
    public static String wrongAudience(String delegation) {
        return delegateChanged(delegation, c -> c.put("aud", "account"));
    }

    /** The dev key's delegate token that never expires. */
    public static String withoutExpiry(String delegation) {
        return delegateChanged(delegation, c -> c.remove("exp"));
    }

    /** The dev key's delegate token naming another issuer. */
    public static String otherIssuer(String delegation) {
        return delegateChanged(delegation, c -> c.put("iss", "https://idp.elsewhere.example"));
    }

    /** The dev key's token with the role delegate but no delegation. */
    public static String withoutDelegation() {
        return DevTokens.sign(DevTokens.claims("user-nobody", null, List.of("delegate"), HOUR));
    }

    /** The dev key's admin token, meant for another service. */
    public static String adminWrongAudience() {
        Map<String, Object> claims = DevTokens.claims("admin-1", null, List.of("admin"), HOUR);
        claims.put("aud", "account");
        return DevTokens.sign(claims);
    }

    /** Any subject, delegation and roles, with the dev key, until {@code expiry}. */
    public static String custom(String subject, String delegation, List<String> roles, Instant expiry) {
        return DevTokens.sign(DevTokens.claims(subject, delegation, roles, Duration.between(Instant.now(), expiry)));
    }

    private static String delegateChanged(String delegation, Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = DevTokens.claims("user-" + delegation.toLowerCase(), delegation,
                List.of("delegate"), HOUR);
        change.accept(claims);
        return DevTokens.sign(claims);
    }
}

package io.resolutionledger.command.support;

import io.resolutionledger.testkit.DevTokens;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JWTs for tests, minted by the testkit's {@link DevTokens} (RS256, the committed DEVELOPMENT key), with the claims the shared rules require ({@code iss} {@value #ISSUER}, {@code aud}
 * {@value #AUDIENCE}, {@code exp}, {@code nbf}, {@code sub}), plus the bad ones a resource server must refuse:
 * expired, signed by another key, unsigned, for another audience or issuer, without expiry or subject.
 */
public final class TestTokens {

    public static final String ISSUER = DevTokens.ISSUER;
    public static final String AUDIENCE = DevTokens.AUDIENCE;

    private static volatile PrivateKey otherKey;

    private TestTokens() {
    }

    /** A delegate of a delegation, e.g. {@code delegate("DE-BY")}; the subject is made up from the code. */
    public static String delegate(String delegation) {
        return DevTokens.sign(claims("user-" + delegation.toLowerCase(), delegation, List.of("delegate"), Duration.ofMinutes(10)));
    }

    /** A second person of the same delegation: another idempotency scope. */
    public static String delegate(String delegation, String subject) {
        return DevTokens.sign(claims(subject, delegation, List.of("delegate"), Duration.ofMinutes(10)));
    }

    public static String auditor() {
        return DevTokens.sign(claims("auditor-1", null, List.of("auditor"), Duration.ofMinutes(10)));
    }

    public static String admin() {
        return DevTokens.sign(claims("admin-1", null, List.of("admin"), Duration.ofMinutes(10)));
    }

    /** Any combination, e.g. a delegate whose delegation claim is missing ({@code null}) or malformed. */
    public static String custom(String subject, String delegation, List<String> roles) {
        return DevTokens.sign(claims(subject, delegation, roles, Duration.ofMinutes(10)));
    }

    public static String expired(String delegation) {
        return DevTokens.sign(claims("user-expired", delegation, List.of("delegate"), Duration.ofMinutes(-10)));
    }

    /** Well-formed and RS256, but signed by a key nobody trusts. */
    public static String forged(String delegation) {
        return DevTokens.sign(claims("user-forged", delegation, List.of("delegate"), Duration.ofMinutes(10)), otherKey());
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(String delegation) {
        return DevTokens.unsecured(claims("user-unsigned", delegation, List.of("delegate"), Duration.ofMinutes(10)));
    }

    /** A valid delegate token of the dev key, but meant for another service. */
    public static String wrongAudience(String delegation) {
        return changed(delegation, c -> c.put("aud", "account"));
    }

    /** A delegate token of the dev key that never expires. */
    public static String withoutExpiry(String delegation) {
        return changed(delegation, c -> c.remove("exp"));
    }

    /** A delegate token of the dev key that names another issuer. */
    public static String otherIssuer(String delegation) {
        return changed(delegation, c -> c.put("iss", "https://idp.elsewhere.example"));
    }

    /** A delegate token of the dev key without {@code sub}. */
    public static String withoutSubject(String delegation) {
        return changed(delegation, c -> c.remove("sub"));
    }

    private static String changed(String delegation, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> claims = claims("user-" + delegation.toLowerCase(), delegation, List.of("delegate"),
                Duration.ofMinutes(10));
        change.accept(claims);
        return DevTokens.sign(claims);
    }

    /** The testkit's claims, issued twenty minutes back (so that an expired token was valid once). */
    private static Map<String, Object> claims(String subject, String delegation, List<String> roles, Duration validFor) {
        Map<String, Object> claims = DevTokens.claims(subject, delegation, roles, validFor);
        long issued = Instant.now().minus(Duration.ofMinutes(20)).getEpochSecond();
        claims.put("iat", issued);
        claims.put("nbf", issued);
        return claims;
    }

    private static PrivateKey otherKey() {
        if (otherKey == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                otherKey = generator.generateKeyPair().getPrivate();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return otherKey;
    }
}

package io.resolutionledger.command.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * JWTs for tests, signed RS256 with the committed DEVELOPMENT private key (dev-keys/dev-private.pem, on the test
 * classpath only), with the claims the shared rules require ({@code iss} {@value #ISSUER}, {@code aud}
 * {@value #AUDIENCE}, {@code exp}, {@code nbf}, {@code sub}), plus the bad ones a resource server must refuse:
 * expired, signed by another key, unsigned, for another audience or issuer, without expiry or subject.
 */
public final class TestTokens {

    public static final String ISSUER = "resolution-ledger-dev";
    public static final String AUDIENCE = "ledger";

    private static final PrivateKey DEV_KEY = loadDevKey();
    private static volatile PrivateKey otherKey;

    private TestTokens() {
    }

    /** A delegate of a delegation, e.g. {@code delegate("DE-BY")}; the subject is made up from the code. */
    public static String delegate(String delegation) {
        return sign(claims("user-" + delegation.toLowerCase(), delegation, List.of("delegate"), Duration.ofMinutes(10)),
                DEV_KEY);
    }

    /** A second person of the same delegation: another idempotency scope. */
    public static String delegate(String delegation, String subject) {
        return sign(claims(subject, delegation, List.of("delegate"), Duration.ofMinutes(10)), DEV_KEY);
    }

    public static String auditor() {
        return sign(claims("auditor-1", null, List.of("auditor"), Duration.ofMinutes(10)), DEV_KEY);
    }

    public static String admin() {
        return sign(claims("admin-1", null, List.of("admin"), Duration.ofMinutes(10)), DEV_KEY);
    }

    /** Any combination, e.g. a delegate whose delegation claim is missing ({@code null}) or malformed. */
    public static String custom(String subject, String delegation, List<String> roles) {
        return sign(claims(subject, delegation, roles, Duration.ofMinutes(10)), DEV_KEY);
    }

    public static String expired(String delegation) {
        return sign(claims("user-expired", delegation, List.of("delegate"), Duration.ofMinutes(-10)), DEV_KEY);
    }

    /** Well-formed and RS256, but signed by a key nobody trusts. */
    public static String forged(String delegation) {
        return sign(claims("user-forged", delegation, List.of("delegate"), Duration.ofMinutes(10)), otherKey());
    }

    /** {@code alg: none}: no signature at all. */
    public static String unsigned(String delegation) {
        return new PlainJWT(claims("user-unsigned", delegation, List.of("delegate"), Duration.ofMinutes(10)))
                .serialize();
    }

    /** A valid delegate token of the dev key, but meant for another service. */
    public static String wrongAudience(String delegation) {
        return sign(new JWTClaimsSet.Builder(claims("user-" + delegation.toLowerCase(), delegation,
                List.of("delegate"), Duration.ofMinutes(10))).audience("account").build(), DEV_KEY);
    }

    /** A delegate token of the dev key that never expires. */
    public static String withoutExpiry(String delegation) {
        return sign(new JWTClaimsSet.Builder(claims("user-" + delegation.toLowerCase(), delegation,
                List.of("delegate"), Duration.ofMinutes(10))).expirationTime(null).build(), DEV_KEY);
    }

    /** A delegate token of the dev key that names another issuer. */
    public static String otherIssuer(String delegation) {
        return sign(new JWTClaimsSet.Builder(claims("user-" + delegation.toLowerCase(), delegation,
                List.of("delegate"), Duration.ofMinutes(10))).issuer("https://idp.elsewhere.example").build(), DEV_KEY);
    }

    /** A delegate token of the dev key without {@code sub}. */
    public static String withoutSubject(String delegation) {
        return sign(new JWTClaimsSet.Builder(claims("x", delegation, List.of("delegate"), Duration.ofMinutes(10)))
                .subject(null).build(), DEV_KEY);
    }

    private static JWTClaimsSet claims(String subject, String delegation, List<String> roles, Duration validFor) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("roles", roles);
        if (delegation != null) {
            builder.claim("delegation", delegation);
        }
        return builder.build();
    }

    private static String sign(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("dev").build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
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

    private static PrivateKey loadDevKey() {
        try (InputStream in = TestTokens.class.getResourceAsStream("/dev-keys/dev-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-keys/dev-private.pem is not on the test classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the dev private key", e);
        }
    }
}

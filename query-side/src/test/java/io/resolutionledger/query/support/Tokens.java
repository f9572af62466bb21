package io.resolutionledger.query.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Signs test JWTs with the development private key (command-side test-jar: classpath:dev-keys/dev-private.pem). */
public final class Tokens {

    public static final String ISSUER = "resolution-ledger-dev";
    public static final String AUDIENCE = "ledger";
    private static final PrivateKey DEV_KEY = load();

    private Tokens() {
    }

    public static String delegate(String delegation) {
        return sign(DEV_KEY, "user-" + delegation.toLowerCase(), delegation, List.of("delegate"),
                Instant.now().plus(Duration.ofHours(1)));
    }

    public static String auditor() {
        return sign(DEV_KEY, "auditor-1", null, List.of("auditor"), Instant.now().plus(Duration.ofHours(1)));
    }

    public static String admin() {
        return sign(DEV_KEY, "admin-1", null, List.of("admin"), Instant.now().plus(Duration.ofHours(1)));
    }

    public static String expired(String delegation) {
        return sign(DEV_KEY, "user-x", delegation, List.of("delegate"), Instant.now().minus(Duration.ofHours(1)));
    }

    /** A well-formed token signed by a key the service does not trust. */
    public static String foreign(String delegation) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(generator.generateKeyPair().getPrivate(), "mallory", delegation, List.of("delegate"),
                    Instant.now().plus(Duration.ofHours(1)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The dev key's delegate token, meant for another service. */
    public static String wrongAudience(String delegation) {
        return sign(DEV_KEY, "user-" + delegation.toLowerCase(), delegation, List.of("delegate"),
                Instant.now().plus(Duration.ofHours(1)), c -> c.audience("account"));
    }

    /** The dev key's delegate token that never expires. */
    public static String withoutExpiry(String delegation) {
        return sign(DEV_KEY, "user-" + delegation.toLowerCase(), delegation, List.of("delegate"),
                Instant.now().plus(Duration.ofHours(1)), c -> c.expirationTime(null));
    }

    /** The dev key's delegate token naming another issuer. */
    public static String otherIssuer(String delegation) {
        return sign(DEV_KEY, "user-" + delegation.toLowerCase(), delegation, List.of("delegate"),
                Instant.now().plus(Duration.ofHours(1)), c -> c.issuer("https://idp.elsewhere.example"));
    }

    /** The dev key's token with the role delegate but no delegation. */
    public static String withoutDelegation() {
        return sign(DEV_KEY, "user-nobody", null, List.of("delegate"), Instant.now().plus(Duration.ofHours(1)));
    }

    /** The dev key's admin token, meant for another service. */
    public static String adminWrongAudience() {
        return sign(DEV_KEY, "admin-1", null, List.of("admin"), Instant.now().plus(Duration.ofHours(1)),
                c -> c.audience("account"));
    }

    public static String sign(PrivateKey key, String subject, String delegation, List<String> roles, Instant expiry) {
        return sign(key, subject, delegation, roles, expiry, c -> c);
    }

    private static String sign(PrivateKey key, String subject, String delegation, List<String> roles, Instant expiry,
                               java.util.function.UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                    .subject(subject)
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(expiry))
                    .claim("roles", roles);
            if (delegation != null) {
                claims.claim("delegation", delegation);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
                    change.apply(claims).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    private static PrivateKey load() {
        try (InputStream in = Tokens.class.getResourceAsStream("/dev-keys/dev-private.pem")) {
            if (in == null) {
                throw new IllegalStateException("dev-keys/dev-private.pem is not on the test classpath");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the development private key", e);
        }
    }
}

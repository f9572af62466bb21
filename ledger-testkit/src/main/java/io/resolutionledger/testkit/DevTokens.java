package io.resolutionledger.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one minter of DEVELOPMENT tokens: RS256 JWTs signed with the committed development key
 * ({@code dev-keys/dev-private.pem}, packaged in this jar), with the claims the services' one JWT contract requires
 * ({@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE}, {@code sub}, {@code exp}, {@code nbf}, {@code iat},
 * {@code roles}, a delegate's {@code delegation}). The services trust this key only on loopback with the
 * {@code local} profile and in tests. Used by both services' tests, the bench, the fault suite and
 * {@code ./ledger token} (through {@link #main}); the tests build their deliberately broken tokens from
 * {@link #claims} and {@link #sign}.
 */
public final class DevTokens {

    public static final String ISSUER = "resolution-ledger-dev";
    public static final String AUDIENCE = "ledger";
    public static final String KEY_ID = "ledger-dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static volatile PrivateKey devKey;

    private DevTokens() {
    }

    /** The development private key. */
    public static PrivateKey devKey() {
        PrivateKey key = devKey;
        if (key == null) {
            try (InputStream in = DevTokens.class.getResourceAsStream("/dev-keys/dev-private.pem")) {
                if (in == null) {
                    throw new IllegalStateException("dev-keys/dev-private.pem is not on the class path");
                }
                key = privateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            devKey = key;
        }
        return key;
    }

    /** An RSA private key from PKCS#8 PEM. */
    public static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA private key in PKCS#8 PEM", e);
        }
    }

    /** A delegate of a member delegation, e.g. {@code delegate("DE-BY", "user-de-by", Duration.ofHours(1))}. */
    public static String delegate(String delegation, String subject, Duration validFor) {
        return sign(claims(subject, delegation, List.of("delegate"), validFor));
    }

    /** A person with a role and no delegation ({@code auditor}, {@code admin}). */
    public static String role(String role, String subject, Duration validFor) {
        return sign(claims(subject, null, List.of(role), validFor));
    }

    /**
     * The claims of a well-formed token, in a map the caller may change before signing (remove {@code exp}, set
     * another {@code aud}, …). {@code iat} and {@code nbf} lie a minute back, to tolerate clocks a little apart.
     */
    public static Map<String, Object> claims(String subject, String delegation, List<String> roles, Duration validFor) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        if (delegation != null) {
            claims.put("delegation", delegation);
        }
        claims.put("roles", new ArrayList<>(roles));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now - 60);
        claims.put("nbf", now - 60);
        claims.put("exp", now + validFor.toSeconds());
        return claims;
    }

    /** Signed with the development key. */
    public static String sign(Map<String, Object> claims) {
        return sign(claims, devKey());
    }

    /** Signed RS256 with any RSA key (another key: a forged token). A null claim is left out. */
    public static String sign(Map<String, Object> claims, PrivateKey key) {
        String unsigned = unsigned(Map.of("alg", "RS256", "typ", "JWT", "kid", KEY_ID), claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
    }

    /** {@code alg: none}: no signature at all (what a resource server must refuse). */
    public static String unsecured(Map<String, Object> claims) {
        return unsigned(Map.of("alg", "none"), claims) + ".";
    }

    private static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        Map<String, Object> present = new LinkedHashMap<>();
        claims.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + B64.encodeToString(JSON.writeValueAsBytes(present));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code ./ledger token}: {@code [--delegation DE-BY] [--role delegate|auditor|admin] [--sub NAME] [--minutes N]}
     * prints one token.
     */
    public static void main(String[] args) {
        String delegation = null;
        String role = "delegate";
        String sub = null;
        long minutes = 480;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--delegation" -> delegation = args[i + 1];
                case "--role" -> role = args[i + 1];
                case "--sub" -> sub = args[i + 1];
                case "--minutes" -> minutes = Long.parseLong(args[i + 1]);
                default -> fail("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            fail("every option takes a value");
        }
        if (!List.of("delegate", "auditor", "admin").contains(role)) {
            fail("role is delegate, auditor or admin");
        }
        if (role.equals("delegate") && delegation == null) {
            fail("a delegate token needs --delegation (e.g. DE-BY)");
        }
        String subject = sub != null ? sub : (delegation != null ? delegation : role) + "-dev-user";
        System.out.println(sign(claims(subject, delegation, List.of(role),
                Duration.ofMinutes(minutes))));
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}

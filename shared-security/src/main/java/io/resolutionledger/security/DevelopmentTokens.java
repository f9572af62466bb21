package io.resolutionledger.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * The claim shape and the RS256 signature of DEVELOPMENT tokens, in one place for everything that mints them: the
 * tests ({@code ledger-testkit}'s {@code DevTokens}) and the web app's local development login. Both sign with the
 * committed development key ({@code dev-keys/dev-private.pem}), which the services trust only on loopback with the
 * {@code local} profile ({@link FixedKeyGuard}). The claims are those the services' one JWT contract requires
 * ({@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE}, {@code sub}, {@code exp}, {@code nbf}, {@code iat},
 * {@code roles}, a delegate's {@code delegation}); the caller may add {@code name}.
 */
public final class DevelopmentTokens {

    public static final String ISSUER = "resolution-ledger-dev";
    public static final String AUDIENCE = "ledger";
    public static final String KEY_ID = "ledger-dev";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private DevelopmentTokens() {
    }

    /** An RSA private key from PKCS#8 PEM. */
    public static PrivateKey privateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an RSA private key in PKCS#8 PEM", e);
        }
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

    /** Signed RS256 with an RSA key (the development key; another key: a forged token). A null claim is left out. */
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
}

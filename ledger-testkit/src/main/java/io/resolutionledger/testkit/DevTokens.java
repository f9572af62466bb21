package io.resolutionledger.testkit;

import io.resolutionledger.security.DevelopmentTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The tests' minter of DEVELOPMENT tokens: RS256 JWTs signed with the committed development key
 * ({@code dev-keys/dev-private.pem}, packaged in this jar), with the claims the services' one JWT contract requires
 * ({@code iss} {@value #ISSUER}, {@code aud} {@value #AUDIENCE}, {@code sub}, {@code exp}, {@code nbf}, {@code iat},
 * {@code roles}, a delegate's {@code delegation}); the claim shape and the signature are shared-security's
 * {@link DevelopmentTokens}, which the web app's development sign-in uses too. The services trust this key only on
 * loopback with the {@code local} profile and in tests. The one minter of the project's tooling: the three modules'
 * tests (which build their deliberately broken tokens from {@link #claims} and {@link #sign}), the benchmark and the
 * fault suite (through {@link CallerTokens}) and {@code ./ledger token} ({@link #main}).
 */
public final class DevTokens {

    public static final String ISSUER = DevelopmentTokens.ISSUER;
    public static final String AUDIENCE = DevelopmentTokens.AUDIENCE;
    public static final String KEY_ID = DevelopmentTokens.KEY_ID;
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
        return DevelopmentTokens.privateKey(pem);
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
     * another {@code aud}, …): {@link DevelopmentTokens#claims}, the shape the web app's development login mints too.
     */
    public static Map<String, Object> claims(String subject, String delegation, List<String> roles, Duration validFor) {
        return DevelopmentTokens.claims(subject, delegation, roles, validFor);
    }

    /** Signed with the development key. */
    public static String sign(Map<String, Object> claims) {
        return sign(claims, devKey());
    }

    /** Signed RS256 with any RSA key (another key: a forged token). A null claim is left out. */
    public static String sign(Map<String, Object> claims, PrivateKey key) {
        return DevelopmentTokens.sign(claims, key);
    }

    /** {@code alg: none}: no signature at all (what a resource server must refuse). */
    public static String unsecured(Map<String, Object> claims) {
        return DevelopmentTokens.unsecured(claims);
    }

    /**
     * {@code ./ledger token}: {@code [--delegation DE-BY] [--role delegate|auditor|admin] [--sub NAME] [--minutes N]}
     * prints one token; a wrong option or value is named on stderr with exit code 2.
     */
    public static void main(String[] args) {
        try {
            System.out.println(fromOptions(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** The token {@link #main} prints for these options; an {@link IllegalArgumentException} names a wrong one. */
    public static String fromOptions(String... args) {
        String delegation = null;
        String role = "delegate";
        String sub = null;
        long minutes = 480;
        for (int i = 0; i < args.length; i += 2) {
            if (!List.of("--delegation", "--role", "--sub", "--minutes").contains(args[i])) {
                throw fail("unknown option " + args[i]
                        + " (options: --delegation DE-BY --role delegate|auditor|admin --sub NAME --minutes N)");
            }
            if (i + 1 >= args.length) {
                throw fail(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--delegation" -> delegation = value;
                case "--role" -> role = value;
                case "--sub" -> sub = value;
                default -> minutes = minutes(value);
            }
        }
        if (!List.of("delegate", "auditor", "admin").contains(role)) {
            throw fail("role is delegate, auditor or admin");
        }
        if (role.equals("delegate") && delegation == null) {
            throw fail("a delegate token needs --delegation (e.g. DE-BY)");
        }
        String subject = sub != null ? sub : (delegation != null ? delegation : role) + "-dev-user";
        return sign(claims(subject, delegation, List.of(role), Duration.ofMinutes(minutes)));
    }

    private static long minutes(String value) {
        try {
            long minutes = Long.parseLong(value);
            if (minutes > 0) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw fail("--minutes is a whole number of minutes above 0, not " + value);
    }

    private static IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message);
    }
}

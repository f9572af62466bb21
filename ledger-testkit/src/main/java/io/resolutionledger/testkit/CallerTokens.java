package io.resolutionledger.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The development tokens of a harness's callers, minted by {@link DevTokens} once per caller and kept for the run:
 * {@code "DE-BY"} is a delegate of that member delegation, {@code "role:admin"} a person with that role. The subject
 * names the harness ({@code bench-DE-BY}, {@code faults-admin}) so that the services' logs and audit tell its callers
 * from anybody else's; a {@code variant} makes another caller of the same delegation ({@code bench-DE-BY-c3}: load
 * client 3), so that per-caller limits and caches see as many callers as a real session would.
 */
public final class CallerTokens {

    /** The 16 member delegations (ISO 3166-2 codes of the Länder), in the order of the conference's rules. */
    public static final List<String> DELEGATIONS = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE",
            "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");

    private final String subjectPrefix;
    private final Duration validFor;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** {@code validFor} must cover the whole run: a token is not renewed. */
    public CallerTokens(String subjectPrefix, Duration validFor) {
        this.subjectPrefix = subjectPrefix;
        this.validFor = validFor;
    }

    /** The token of a delegation ({@code "DE-BY"}) or a role ({@code "role:auditor"}). */
    public String token(String who) {
        return token(who, null);
    }

    /** The token of another caller of the same delegation or role; {@code variant} null: {@link #token(String)}. */
    public String token(String who, String variant) {
        return tokens.computeIfAbsent(variant == null ? who : who + "#" + variant, key -> mint(who, variant));
    }

    private String mint(String who, String variant) {
        String suffix = variant == null ? "" : "-" + variant;
        if (who.startsWith("role:")) {
            String role = who.substring("role:".length());
            return DevTokens.role(role, subjectPrefix + "-" + role + suffix, validFor);
        }
        return DevTokens.delegate(who, subjectPrefix + "-" + who + suffix, validFor);
    }
}

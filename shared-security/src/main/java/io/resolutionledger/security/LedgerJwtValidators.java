package io.resolutionledger.security;

import io.resolutionledger.api.value.DelegationCode;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The claims both services require of every token, whoever signed it:
 * <ul>
 *   <li>{@code iss} is the one trusted issuer, {@code aud} contains the ledger's audience;</li>
 *   <li>{@code exp} is present and not past; the token says from when it is valid ({@code nbf}, or {@code iat} where
 *       the provider sets no {@code nbf}, as Keycloak does), and that instant is not in the future;</li>
 *   <li>{@code sub} names a person;</li>
 *   <li>a token with the role {@code delegate} names a well-formed {@code delegation}: a delegate who cannot say for
 *       whom it acts is not a caller at all (401), rather than one of lesser rights.</li>
 * </ul>
 * Each refusal is a 401 ({@code invalid_token}); what exactly was wrong is not told to the caller.
 */
public final class LedgerJwtValidators {

    private LedgerJwtValidators() {
    }

    public static OAuth2TokenValidator<Jwt> create(String issuer, String audience, Duration clockSkew) {
        return create(issuer, audience, clockSkew, Clock.systemUTC());
    }

    static OAuth2TokenValidator<Jwt> create(String issuer, String audience, Duration clockSkew, Clock clock) {
        Objects.requireNonNull(issuer, "a trusted issuer is required");
        Objects.requireNonNull(audience, "an audience is required");
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtIssuerValidator(issuer),
                check(jwt -> jwt.getAudience() != null && jwt.getAudience().contains(audience),
                        "the token is not meant for this audience"),
                check(jwt -> jwt.getExpiresAt() != null, "the token has no expiry"),
                timestamps,
                check(jwt -> validFrom(jwt) != null, "the token does not say from when it is valid"),
                check(jwt -> !validFrom(jwt).isAfter(clock.instant().plus(clockSkew)), "the token is not valid yet"),
                check(jwt -> jwt.getSubject() != null && !jwt.getSubject().isBlank(), "the token names no subject"),
                check(jwt -> !LedgerRoles.roleNames(jwt).contains(LedgerRoles.DELEGATE)
                                || DelegationCode.isValid(jwt.getClaimAsString(LedgerRoles.DELEGATION_CLAIM)),
                        "a delegate's token must name its delegation")));
    }

    private static Instant validFrom(Jwt jwt) {
        return jwt.getNotBefore() != null ? jwt.getNotBefore() : jwt.getIssuedAt();
    }

    private interface Rule {
        boolean holds(Jwt jwt);
    }

    private static OAuth2TokenValidator<Jwt> check(Rule rule, String description) {
        OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
        return jwt -> {
            boolean holds;
            try {
                holds = rule.holds(jwt);
            } catch (RuntimeException malformedClaim) {
                // e.g. "sub" or "delegation" not a string: a bad token, never a server error
                holds = false;
            }
            return holds ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(error);
        };
    }
}

package io.resolutionledger.security;

import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The identity provider could not be asked (its OpenID configuration or its JWK set did not answer): the token may
 * well be valid, so this is no 401 but a 503 with {@code Retry-After} ({@link IdentityProviderFailureHandler}).
 */
public class IdentityProviderUnavailableException extends JwtException {

    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

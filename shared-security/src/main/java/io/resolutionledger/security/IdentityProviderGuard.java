package io.resolutionledger.security;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Tells a token that is wrong from an identity provider that is away. Spring's decoder answers a refused token with a
 * {@link BadJwtException} (401), but a JWK set that cannot be fetched with a plain {@link JwtException}, and an
 * issuer whose discovery fails with whatever the HTTP client threw: Spring Security would let both escape as a 500.
 * Here both become an {@link IdentityProviderUnavailableException}, answered 503 with {@code Retry-After}.
 */
public final class IdentityProviderGuard implements JwtDecoder {

    private final JwtDecoder delegate;

    public IdentityProviderGuard(JwtDecoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        try {
            return delegate.decode(token);
        } catch (BadJwtException | IdentityProviderUnavailableException refused) {
            throw refused;
        } catch (JwtException | JwtDecoderInitializationException | IllegalArgumentException
                 | IllegalStateException | org.springframework.web.client.RestClientException unreachable) {
            throw new IdentityProviderUnavailableException("the identity provider's keys could not be fetched",
                    unreachable);
        }
    }
}

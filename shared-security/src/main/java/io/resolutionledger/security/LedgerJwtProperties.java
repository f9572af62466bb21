package io.resolutionledger.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.net.URI;
import java.time.Duration;

/**
 * {@code ledger.security.jwt}, the same on both services.
 *
 * @param publicKey  a fixed RSA public key (PEM) to trust instead of an identity provider: the development key of
 *                   {@code ./ledger up} and the tests; allowed only while every listener is bound to loopback
 * @param issuer     the {@code iss} every token must carry; with an identity provider its OIDC issuer (defaults to
 *                   {@code spring.security.oauth2.resourceserver.jwt.issuer-uri})
 * @param jwkSetUri  where the provider's keys are fetched when it is not the issuer's discovered {@code jwks_uri}
 *                   (e.g. a container network name, while the tokens name the public address)
 * @param audience   the {@code aud} every token must contain
 * @param clockSkew  the tolerance on {@code exp}, {@code nbf} and {@code iat}
 */
@ConfigurationProperties(prefix = "ledger.security.jwt")
public record LedgerJwtProperties(Resource publicKey, String issuer, URI jwkSetUri, String audience,
                                  Duration clockSkew) {

    public static final String DEFAULT_AUDIENCE = "ledger";

    public LedgerJwtProperties {
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
        if (jwkSetUri != null && jwkSetUri.toString().isBlank()) {
            jwkSetUri = null;
        }
        if (audience == null || audience.isBlank()) {
            audience = DEFAULT_AUDIENCE;
        }
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
    }
}

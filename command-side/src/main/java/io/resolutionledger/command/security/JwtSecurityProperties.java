package io.resolutionledger.command.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;

/**
 * {@code ledger.security.jwt}: a fixed RSA public key to trust instead of an OIDC issuer (the local profile's dev
 * key, tests), the issuer to require, and the clock skew allowed on {@code exp}/{@code nbf}.
 */
@ConfigurationProperties(prefix = "ledger.security.jwt")
public record JwtSecurityProperties(Resource publicKey, String issuer, Duration clockSkew) {

    public JwtSecurityProperties {
        if (clockSkew == null) {
            clockSkew = Duration.ofSeconds(30);
        }
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
    }
}

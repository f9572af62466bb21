package io.resolutionledger.webapp.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;

/**
 * {@code ledger.web.oidc}: the identity provider people sign in with (authorization code with PKCE), as the
 * confidential client {@code ledger-web} of the realm.
 *
 * @param issuer       the provider's OIDC issuer, exactly as its tokens name it (Keycloak: its public address +
 *                     {@code /realms/ledger}); empty: no OIDC sign-in (only the local profile's development login)
 * @param discoveryUri where the web app reads the provider's OpenID configuration when that is not under the issuer
 *                     (inside a container network, while browsers and tokens use the public address); the document
 *                     must name the same issuer
 * @param clientId     the client's id
 * @param clientSecret the client's secret (a compose secret, never a default)
 */
@ConfigurationProperties(prefix = "ledger.web.oidc")
public record OidcProperties(String issuer, URI discoveryUri, String clientId, String clientSecret) {

    public OidcProperties {
        if (issuer != null && issuer.isBlank()) {
            issuer = null;
        }
        if (issuer != null && issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        if (discoveryUri != null && discoveryUri.toString().isBlank()) {
            discoveryUri = null;
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "ledger-web";
        }
    }

    public boolean enabled() {
        return issuer != null;
    }

    public URI discovery() {
        return discoveryUri != null ? discoveryUri : URI.create(issuer + "/.well-known/openid-configuration");
    }
}

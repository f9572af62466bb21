package io.resolutionledger.webapp.devlogin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;

/**
 * {@code ledger.web.dev-login}: the local profile's development sign-in (never on in production: the key is public).
 *
 * @param enabled       on in the local profile only; the web app then refuses to start off loopback
 * @param key           the development key's private half ({@code dev-keys/dev-private.pem}), which the services
 *                      trust in their local profile
 * @param tokenLifetime how long a development sign-in lasts (there is no refresh: then sign in again)
 */
@ConfigurationProperties(prefix = "ledger.web.dev-login")
public record DevLoginProperties(boolean enabled, Resource key, Duration tokenLifetime) {

    public DevLoginProperties {
        if (tokenLifetime == null) {
            tokenLifetime = Duration.ofMinutes(60);
        }
    }
}

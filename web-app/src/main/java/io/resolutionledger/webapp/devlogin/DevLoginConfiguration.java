package io.resolutionledger.webapp.devlogin;

import io.resolutionledger.security.DevelopmentTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The development sign-in, on only with the {@code local} profile and only while the web app listens on loopback:
 * it mints tokens with a key whose private half is public, so anyone who reached it could be anyone. Like the
 * services' {@code FixedKeyGuard}, the web app refuses to start otherwise. The delegations offered are the
 * conference's ({@code ledger.conference.members} and {@code guests}, from the same conference file as the command
 * side's).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.web.dev-login.enabled", havingValue = "true")
public class DevLoginConfiguration {

    /** What the development sign-in needs: its settings, the conference's delegations, the development key. */
    public record DevLogin(DevLoginProperties properties, List<String> delegations, PrivateKey key) {
    }

    @Bean
    DevLogin devLogin(DevLoginProperties properties, Environment environment) {
        requireLocalAndLoopback(environment);
        if (properties.key() == null || !properties.key().exists()) {
            throw new IllegalStateException("ledger.web.dev-login.key (the development key, dev-keys/dev-private.pem) "
                    + "is not found: " + properties.key());
        }
        PrivateKey key;
        try (InputStream in = properties.key().getInputStream()) {
            key = DevelopmentTokens.privateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger.web.dev-login.key " + properties.key(), e);
        }
        Binder binder = Binder.get(environment);
        List<String> delegations = new ArrayList<>(binder.bind("ledger.conference.members",
                Bindable.listOf(String.class)).orElse(List.of()));
        delegations.addAll(binder.bind("ledger.conference.guests", Bindable.listOf(String.class)).orElse(List.of()));
        if (delegations.isEmpty()) {
            throw new IllegalStateException("the development sign-in offers the conference's delegations, but "
                    + "ledger.conference.members is empty (LEDGER_CONFERENCE_CONFIG)");
        }
        return new DevLogin(properties, List.copyOf(delegations), key);
    }

    static void requireLocalAndLoopback(Environment environment) {
        if (!environment.acceptsProfiles(Profiles.of("local"))) {
            throw new IllegalStateException("ledger.web.dev-login.enabled is for the local profile only (./ledger up): "
                    + "it signs tokens with the public development key. Deployments sign in with the identity "
                    + "provider (ledger.web.oidc.issuer).");
        }
        require("server.address", environment.getProperty("server.address"));
        String managementPort = environment.getProperty("management.server.port");
        if (managementPort != null && !managementPort.equals(environment.getProperty("server.port"))
                && !managementPort.equals("-1")) {
            require("management.server.address", environment.getProperty("management.server.address"));
        }
    }

    private static void require(String property, String address) {
        if (address == null || address.isBlank() || !isLoopback(address)) {
            throw new IllegalStateException("the development sign-in mints tokens with the public development key; "
                    + "it is allowed only on loopback, but " + property + " is "
                    + (address == null || address.isBlank() ? "unset (all interfaces)" : address)
                    + ". Set " + property + "=127.0.0.1, or sign in with the identity provider instead.");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            for (InetAddress resolved : InetAddress.getAllByName(address)) {
                if (!resolved.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package io.resolutionledger.security;

import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A fixed public key is what {@code ./ledger up} and the tests trust: the development key, whose private half is in
 * the repository. Anyone reaching a service that trusts it can mint any token, so the service must be reachable from
 * this machine only: {@code server.address} (and {@code management.server.address} when the management endpoints
 * have a port of their own) must be loopback addresses. Off loopback a service must trust an identity provider.
 */
public final class FixedKeyGuard {

    private FixedKeyGuard() {
    }

    public static void requireLoopback(Environment environment) {
        require("server.address", environment.getProperty("server.address"));
        String managementPort = environment.getProperty("management.server.port");
        if (managementPort != null && !managementPort.equals(environment.getProperty("server.port"))
                && !managementPort.equals("-1")) {
            require("management.server.address", environment.getProperty("management.server.address"));
        }
    }

    private static void require(String property, String address) {
        if (address == null || address.isBlank() || !isLoopback(address)) {
            throw new IllegalStateException("ledger.security.jwt.public-key trusts a fixed key (the development key "
                    + "of dev-keys/ is public: anyone could mint tokens); it is accepted only on loopback, but "
                    + property + " is " + (address == null || address.isBlank() ? "unset (all interfaces)" : address)
                    + ". Set " + property + "=127.0.0.1, or trust an identity provider instead "
                    + "(spring.security.oauth2.resourceserver.jwt.issuer-uri).");
        }
    }

    static boolean isLoopback(String address) {
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

package io.resolutionledger.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * {@code ledger.web}: where the services are and how long the web app waits for them.
 *
 * @param commandUrl        the command side's base address; {@code /bff/command/**} goes to its {@code /api/**}
 * @param queryUrl          the query side's base address; {@code /bff/query/**} goes to its {@code /api/**}
 * @param publicUrl         the address browsers use for the web app (behind a TLS proxy its {@code https://} one):
 *                          the only {@code Origin} a state-changing request may come from; empty: the request's own
 * @param connectTimeout    how long a connection to a service may take before the page is told 503
 * @param readTimeout       how long a relayed call (not the live stream) may take in all; longer than the command
 *                          side's own command timeout, so that its 503 {@code COMMAND_TIMEOUT} reaches the page
 * @param retryAfter        what {@code Retry-After} says when a service does not answer
 * @param streamConnections live streams relayed at once by this instance (each holds a thread); beyond: 503
 * @param tokenRefreshBefore how long before its expiry an access token is renewed with the refresh token
 */
@ConfigurationProperties(prefix = "ledger.web")
public record WebProperties(URI commandUrl, URI queryUrl, URI publicUrl, Duration connectTimeout,
                            Duration readTimeout, Duration retryAfter, int streamConnections,
                            Duration tokenRefreshBefore) {

    public WebProperties {
        if (commandUrl == null) {
            commandUrl = URI.create("http://localhost:8081");
        }
        if (queryUrl == null) {
            queryUrl = URI.create("http://localhost:8082");
        }
        if (publicUrl != null && (publicUrl.toString().isBlank() || publicUrl.getHost() == null)) {
            publicUrl = null;
        }
        if (connectTimeout == null) {
            connectTimeout = Duration.ofSeconds(2);
        }
        if (readTimeout == null) {
            readTimeout = Duration.ofSeconds(20);
        }
        if (retryAfter == null) {
            retryAfter = Duration.ofSeconds(5);
        }
        if (streamConnections <= 0) {
            streamConnections = 256;
        }
        if (tokenRefreshBefore == null) {
            tokenRefreshBefore = Duration.ofSeconds(30);
        }
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}

package io.resolutionledger.webhooks;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Where a webhook may go: an http(s) URL without credentials whose host is on the allow-list. A link-local address
 * (169.254.0.0/16, fe80::/10, where cloud metadata services answer) is refused even by an IP literal unless that very
 * literal is on the list. The command side checks a subscription's URL with {@link #ensureAllowed}; the query side
 * checks the host and its addresses again before every delivery ({@link #deliverable}: DNS may have changed).
 */
public final class WebhookTargets {

    private WebhookTargets() {
    }

    public static URI ensureAllowed(String url, List<String> allowedHosts) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "a webhook URL is http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED,
                    "a webhook URL names a host, and carries neither credentials nor a fragment");
        }
        String host = host(uri);
        if (!allowedHosts.contains(host)) {
            throw new LedgerRefusedException(ErrorCode.HOST_NOT_ALLOWED, "the host " + host
                    + " is not on ledger.webhooks.allowed-hosts " + allowedHosts);
        }
        return uri;
    }

    /** The host as the allow-list names it: lower case, an IPv6 literal without its brackets. */
    public static String host(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Link-local (and so cloud metadata) addresses: never a target unless named on the allow-list literally. */
    public static boolean isLinkLocal(InetAddress address) {
        return address.isLinkLocalAddress() || address.getHostAddress().startsWith("169.254.")
                || address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
    }

    /**
     * Before a delivery: the host must still be on the list and resolve to no link-local address (unless that address
     * is listed literally). Answers why not, or empty when the URL may be posted to now.
     */
    public static java.util.Optional<String> deliverable(URI uri, List<String> allowedHosts) {
        String host = uri.getHost() == null ? "" : host(uri);
        if (!allowedHosts.contains(host)) {
            return java.util.Optional.of("host " + host + " is no longer on ledger.webhooks.allowed-hosts");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                // an IP literal is on the list as itself (in whatever notation the operator wrote it)
                if (isLinkLocal(address) && !isIpLiteral(host) && !allowedHosts.contains(address.getHostAddress())) {
                    return java.util.Optional.of("host " + host + " resolves to the link-local address "
                            + address.getHostAddress());
                }
            }
        } catch (java.net.UnknownHostException e) {
            return java.util.Optional.of("host " + host + " does not resolve");
        }
        return java.util.Optional.empty();
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}

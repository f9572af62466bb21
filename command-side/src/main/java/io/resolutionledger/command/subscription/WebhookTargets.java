package io.resolutionledger.command.subscription;

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
 * literal is on the list. The query side checks the addresses again when it delivers (DNS may have changed).
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
}

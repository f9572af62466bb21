package io.resolutionledger.api.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The Standard Webhooks scheme (standardwebhooks.com) both services share: a subscription's secret is
 * {@code whsec_<base64 key>}; a delivery carries {@code webhook-id}, {@code webhook-timestamp} (Unix seconds) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 over "id.timestamp.body" with the decoded key>}.
 *
 * <p>The key of a subscription is derived, HMAC-SHA256 of its id under the ledger's webhook key
 * ({@code ledger.webhooks.secret-key}, configured on both services, kept outside the database): so no secret is
 * stored in the event log, which auditors export, and the query side can sign without a secret store of its own.
 */
public final class StandardWebhooks {

    public static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /** The subscription's key: HMAC-SHA256(ledger key, subscription id). */
    public static byte[] key(byte[] ledgerKey, String subscriptionId) {
        return hmac(ledgerKey, subscriptionId.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret the subscriber keeps: {@code whsec_} and the base64 of its key. */
    public static String secret(byte[] ledgerKey, String subscriptionId) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key(ledgerKey, subscriptionId));
    }

    /** The key inside a {@code whsec_} secret. */
    public static byte[] keyOf(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + SECRET_PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    }

    /** The value of {@code webhook-signature}: {@code v1,} and the base64 HMAC of {@code id.timestamp.body}. */
    public static String signature(byte[] key, String id, long timestamp, String body) {
        byte[] signed = (id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

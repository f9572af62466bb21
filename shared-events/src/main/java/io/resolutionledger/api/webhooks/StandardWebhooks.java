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

    /** The subscription's first key (generation 0): HMAC-SHA256(ledger key, subscription id). */
    public static byte[] key(byte[] ledgerKey, String subscriptionId) {
        return key(ledgerKey, subscriptionId, 0);
    }

    /**
     * The key of one generation of a subscription's secret: generation 0 is HMAC-SHA256(ledger key, id), each
     * rotation's generation n is HMAC-SHA256(ledger key, {@code id/n}). A subscription id never contains {@code /}
     * (ids are URL path segments), so no generation's input equals another subscription's.
     */
    public static byte[] key(byte[] ledgerKey, String subscriptionId, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("a secret's generation is 0 or more");
        }
        String input = generation == 0 ? subscriptionId : subscriptionId + "/" + generation;
        return hmac(ledgerKey, input.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret the subscriber keeps: {@code whsec_} and the base64 of its key. */
    public static String secret(byte[] ledgerKey, String subscriptionId) {
        return secret(ledgerKey, subscriptionId, 0);
    }

    /** The secret of one generation (see {@link #key(byte[], String, int)}). */
    public static String secret(byte[] ledgerKey, String subscriptionId, int generation) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key(ledgerKey, subscriptionId, generation));
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

    /**
     * The value of {@code webhook-signature} signed with several keys (during a rotation: the new one first, then the
     * previous): the specification's space-delimited list, of which a receiver accepts any one it can verify.
     */
    public static String signatures(java.util.List<byte[]> keys, String id, long timestamp, String body) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key signs");
        }
        StringBuilder header = new StringBuilder();
        for (byte[] key : keys) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append(signature(key, id, timestamp, body));
        }
        return header.toString();
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

package io.resolutionledger.query.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper evidence of the ledger: link(n) = SHA-256(link(n-1) || canonical(event n)), with link(0) 32 zero bytes.
 * The canonical form of an event is every stored field (identifier, aggregate, sequence, type, payload type and
 * revision, time, payload bytes, metadata bytes), each preceded by its length, so that no two different events
 * share a form. Changing any byte of any chained event changes its link and every link after it.
 */
public final class HashChain {

    public static final byte[] GENESIS = new byte[32];
    private static final HexFormat HEX = HexFormat.of();

    private HashChain() {
    }

    public static byte[] link(byte[] previous, StoredEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        field(sha256, event.eventIdentifier());
        field(sha256, event.aggregateIdentifier());
        field(sha256, Long.toString(event.sequenceNumber()));
        field(sha256, event.type());
        field(sha256, event.payloadType());
        field(sha256, event.payloadRevision());
        field(sha256, event.timestamp());
        field(sha256, event.payload());
        field(sha256, event.metaData());
        return sha256.digest();
    }

    public static String hex(byte[] link) {
        return HEX.formatHex(link);
    }

    public static byte[] unhex(String link) {
        return HEX.parseHex(link);
    }

    private static void field(MessageDigest digest, String value) {
        field(digest, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(MessageDigest digest, byte[] value) {
        // -1 marks an absent field, distinct from an empty one
        digest.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            digest.update(value);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

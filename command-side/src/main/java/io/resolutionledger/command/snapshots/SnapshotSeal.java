package io.resolutionledger.command.snapshots;

import org.axonframework.eventhandling.DomainEventData;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The seal that lets an aggregate trust a snapshot: HMAC-SHA256, under a key the database never sees, over the
 * snapshot's stored bytes and a digest of the stored bytes of every event it summarises (sequence 0 to the
 * snapshot's). Whoever can write to the database can edit a snapshot, or an event under it, but cannot reseal it: a
 * plain hash in the same row would be recomputed along with the edit. A snapshot whose seal does not match is not
 * used; Axon then rebuilds the aggregate from its events.
 * <p>
 * The key is a file ({@code ledger.snapshots.seal-key}, {@code LEDGER_SNAPSHOT_SEAL_KEY}: at least 32 bytes, base64
 * or raw). Without one each start draws a random key: snapshots of an earlier start, or of another instance, are then
 * not trusted and cost a replay from the events, never a wrong decision.
 */
public final class SnapshotSeal {

    /** The snapshot's metadata entry that holds the seal (base64). */
    public static final String METADATA_KEY = "ledgerSnapshotSeal";

    private final SecretKeySpec key;
    private final boolean configured;

    private SnapshotSeal(byte[] key, boolean configured) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.configured = configured;
    }

    public static SnapshotSeal random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SnapshotSeal(key, false);
    }

    /** The key in {@code file}: base64 text, or the raw bytes when it is not base64. */
    public static SnapshotSeal fromFile(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(new String(content, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException notBase64) {
                key = content;
            }
            if (key.length < 32) {
                throw new IllegalStateException("the snapshot seal key " + file + " has " + key.length
                        + " bytes; it needs at least 32 (e.g. openssl rand -base64 32)");
            }
            return new SnapshotSeal(key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot seal key " + file, e);
        }
    }

    public boolean configured() {
        return configured;
    }

    /** A running digest of the summarised events' stored bytes, fed in sequence order. */
    public static final class EventsDigest {
        private final MessageDigest sha256;
        private long next;

        EventsDigest() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Adds the next event; false if it is not the next sequence number (an event missing or moved). */
        public boolean add(DomainEventData<?> event) {
            if (event.getSequenceNumber() != next) {
                return false;
            }
            next++;
            sha256.update(frame(event.getEventIdentifier(), event.getSequenceNumber(), event.getPayload().getType()
                    .getName(), event.getPayload().getType().getRevision(), bytes(event.getPayload().getData()),
                    bytes(event.getMetaData().getData()), event.getTimestamp().toString()));
            return true;
        }

        public long count() {
            return next;
        }

        byte[] digest() {
            return sha256.digest();
        }
    }

    public EventsDigest newDigest() {
        return new EventsDigest();
    }

    /** The seal of a snapshot of {@code aggregateIdentifier} at {@code sequence}, summarising {@code events}. */
    public String seal(String aggregateIdentifier, String type, long sequence, String payloadType, String revision,
                       byte[] payload, EventsDigest events) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(frame(aggregateIdentifier, sequence, type, payloadType, revision, payload, events.digest()));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code seal} (from the stored snapshot) is the one this key gives; in constant time. */
    public boolean matches(String seal, String expected) {
        return seal != null && MessageDigest.isEqual(seal.getBytes(StandardCharsets.US_ASCII),
                expected.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bytes(Object data) {
        if (data == null) {
            return new byte[0];
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        return data.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Length-prefixed fields, so that no two different field lists give the same bytes. */
    private static byte[] frame(Object... fields) {
        try (ByteArrayOutputStream buffer = new ByteArrayOutputStream();
             DataOutputStream out = new DataOutputStream(buffer)) {
            for (Object field : fields) {
                byte[] bytes = field instanceof byte[] b ? b : field instanceof Long l
                        ? Long.toString(l).getBytes(StandardCharsets.US_ASCII)
                        : String.valueOf(field).getBytes(StandardCharsets.UTF_8);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
            out.flush();
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

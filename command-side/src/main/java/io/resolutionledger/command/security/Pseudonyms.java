package io.resolutionledger.command.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The person behind a token, as the ledger keeps it: {@code p-} and the base64url HMAC-SHA256 of the token's
 * {@code sub} under a key of that person's own, drawn on first use and kept in {@code ledger_keys.person_key}
 * (write migration V22), outside the event store. Events, idempotency records and every leaf of the log carry only
 * the pseudonym. Erasing the key ({@link #erase}, {@code POST /api/admin/erasures}) changes no stored byte of the
 * log, so every leaf, checkpoint and proof stays valid, and nobody can tell any longer whose pseudonym it was: the
 * key is gone, and without it a guessed {@code sub} gives nothing to compare with. A person who comes back after an
 * erasure gets a new key, hence a new pseudonym.
 * <p>
 * Pseudonyms are remembered for {@code ledger.pseudonyms.cache-ttl} (default 5 minutes, at most 10,000 persons),
 * so that a command does not read the key table before it is even sent (a database that hangs would otherwise hold
 * the request there, outside the command's timeout). An erasure forgets the person on the instance that erases at
 * once; another instance may go on writing the old pseudonym for at most that long, and forgets it then. It never
 * writes the erased key back, so the person is unidentifiable all the same.
 */
@Component
public class Pseudonyms {

    static final String PREFIX = "p-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Cache<String, String> remembered;

    public Pseudonyms(JdbcTemplate jdbc, @Value("${ledger.pseudonyms.cache-ttl:5m}") Duration cacheTtl) {
        this.jdbc = jdbc;
        this.remembered = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(cacheTtl).build();
    }

    /** The pseudonym of {@code subject}; its key is created on first use. */
    public String of(String subject) {
        return remembered.get(subject, this::lookUp);
    }

    private String lookUp(String subject) {
        byte[] key = key(subject);
        if (key == null) {
            byte[] fresh = new byte[32];
            RANDOM.nextBytes(fresh);
            try {
                jdbc.update("INSERT INTO ledger_keys.person_key (subject, hmac_key) VALUES (?, ?) "
                        + "ON CONFLICT (subject) DO NOTHING", subject, fresh);
            } catch (DuplicateKeyException raced) {
                // another request of the same person drew one first: use that one
            }
            key = key(subject);
            if (key == null) {
                throw new IllegalStateException("the pseudonym key of a caller was erased while it was created");
            }
        }
        return pseudonym(key, subject);
    }

    /** Erases the key of {@code subject}; false if it had none (never used the ledger, or already erased). */
    public boolean erase(String subject) {
        boolean erased = jdbc.update("DELETE FROM ledger_keys.person_key WHERE subject = ?", subject) > 0;
        remembered.invalidate(subject);
        return erased;
    }

    static String pseudonym(byte[] key, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return PREFIX + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key(String subject) {
        List<byte[]> keys = jdbc.query("SELECT hmac_key FROM ledger_keys.person_key WHERE subject = ?",
                (rs, row) -> rs.getBytes(1), subject);
        return keys.isEmpty() ? null : keys.get(0);
    }
}

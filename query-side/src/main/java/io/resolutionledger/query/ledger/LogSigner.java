package io.resolutionledger.query.ledger;

import io.resolutionledger.api.proof.NoteKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;

/**
 * The log's Ed25519 signing key, read at start-up from a file the database never sees: a PKCS#8 PEM file
 * ({@code openssl genpkey -algorithm ed25519}) or a PKCS#12 keystore ({@code .p12}), by
 * {@code ledger.log.signing-key} ({@code LEDGER_LOG_SIGNING_KEY}). Without one the instance signs with a key that
 * lives only in its memory and says so loudly: its checkpoints cannot be verified once it is gone.
 */
@Component
public class LogSigner {

    private static final Logger log = LoggerFactory.getLogger(LogSigner.class);

    private final NoteKeys.SignerKey key;

    public LogSigner(@Value("${ledger.log.origin:resolution-ledger.local/log}") String origin,
                     @Value("${ledger.log.signing-key:}") String file,
                     @Value("${ledger.log.signing-key-password:}") String password,
                     @Value("${ledger.log.signing-key-alias:}") String alias) {
        if (file == null || file.isBlank()) {
            key = NoteKeys.SignerKey.generate(origin);
            log.warn("no signing key configured (ledger.log.signing-key / LEDGER_LOG_SIGNING_KEY): this instance "
                    + "signs checkpoints with a throw-away key {}; nobody can check them after it stops",
                    key.verifier());
        } else {
            key = NoteKeys.SignerKey.load(origin, Path.of(file), password.toCharArray(),
                    alias.isBlank() ? null : alias);
            log.info("the log's checkpoints are signed by {} (key file {})", key.verifier(), file);
        }
    }

    public NoteKeys.SignerKey key() {
        return key;
    }

    public NoteKeys.VerifierKey verifier() {
        return key.verifier();
    }

    public String origin() {
        return key.verifier().name();
    }

    /** The key id as stored with each checkpoint (8 lower-case hex digits). */
    public String keyId() {
        return String.format("%08x", key.verifier().keyId());
    }
}

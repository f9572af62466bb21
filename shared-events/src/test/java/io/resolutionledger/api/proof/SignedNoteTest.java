package io.resolutionledger.api.proof;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * C2SP signed notes and checkpoints, against the example of Go's reference implementation
 * (golang.org/x/mod/sumdb/note, note_test.go: the PeterNeumann key and note), used as data. Ed25519 is
 * deterministic, so signing that text with that seed must give that very note, byte for byte.
 */
class SignedNoteTest {

    private static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String SKEY_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String NOTE = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1"
            + "FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static NoteKeys.SignerKey peter() {
        byte[] encoded = Base64.getDecoder().decode(SKEY_SEED);
        assertThat(encoded[0]).isEqualTo(NoteKeys.ED25519);
        return NoteKeys.SignerKey.fromSeed("PeterNeumann", Arrays.copyOfRange(encoded, 1, encoded.length));
    }

    @Test
    void the_reference_key_derives_the_reference_verifier_key_and_signs_the_reference_note() {
        NoteKeys.SignerKey signer = peter();
        assertThat(signer.verifier().toString()).isEqualTo(VKEY);
        assertThat(SignedNote.sign(TEXT, signer)).isEqualTo(NOTE);
    }

    @Test
    void the_reference_note_opens_with_the_reference_key_and_not_when_changed() {
        NoteKeys.VerifierKey key = NoteKeys.VerifierKey.parse(VKEY);
        assertThat(SignedNote.open(NOTE, key)).isEqualTo(TEXT);
        assertThatThrownBy(() -> SignedNote.open(NOTE.replace("cryptography", "cryptographY"), key))
                .isInstanceOf(SignedNote.NoteException.class).hasMessageContaining("does not match");
        NoteKeys.VerifierKey other = NoteKeys.SignerKey.generate("PeterNeumann").verifier();
        assertThatThrownBy(() -> SignedNote.open(NOTE, other))
                .isInstanceOf(SignedNote.NoteException.class).hasMessageContaining("no signature");
    }

    @Test
    void a_mangled_verifier_key_is_refused() {
        assertThatThrownBy(() -> NoteKeys.VerifierKey.parse(VKEY.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteKeys.VerifierKey.parse("PeterNeumann+c74f20a3"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteKeys.VerifierKey.parse(VKEY.substring(0, VKEY.length() - 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signatures_of_unknown_keys_are_ignored_and_the_known_one_decides() {
        NoteKeys.SignerKey log = NoteKeys.SignerKey.generate("ledger.example/dmk");
        NoteKeys.SignerKey witness = NoteKeys.SignerKey.generate("witness.example");
        String note = SignedNote.sign(TEXT, log);
        String cosigned = note + SignedNote.sign(TEXT, witness).substring(TEXT.length() + 1);
        assertThat(SignedNote.open(cosigned, log.verifier())).isEqualTo(TEXT);
        assertThat(SignedNote.open(cosigned, witness.verifier())).isEqualTo(TEXT);
    }

    @Test
    void a_checkpoint_is_the_c2sp_body_signed_and_reads_back() {
        NoteKeys.SignerKey log = NoteKeys.SignerKey.generate("ledger.example/dmk");
        byte[] root = Merkle.leafHash(new byte[0]);
        Checkpoint checkpoint = new Checkpoint("ledger.example/dmk", 20852163, root);
        assertThat(checkpoint.body()).isEqualTo("ledger.example/dmk\n20852163\n"
                + Base64.getEncoder().encodeToString(root) + "\n");
        String note = checkpoint.sign(log);
        assertThat(note).startsWith(checkpoint.body() + "\n\u2014 ledger.example/dmk ");
        assertThat(Checkpoint.open(note, log.verifier())).isEqualTo(checkpoint);
        assertThatThrownBy(() -> Checkpoint.open(note.replace("20852163", "20852164"), log.verifier()))
                .isInstanceOf(SignedNote.NoteException.class);
    }

    @Test
    void a_pem_key_file_round_trips(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        NoteKeys.SignerKey key = NoteKeys.SignerKey.generate("ledger.example/dmk");
        java.nio.file.Path file = dir.resolve("log.pem");
        java.nio.file.Files.writeString(file, key.pem());
        assertThat(NoteKeys.SignerKey.load("ledger.example/dmk", file, null, null).verifier())
                .isEqualTo(key.verifier());
    }
}

package io.resolutionledger.api.proof;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;

/**
 * C2SP signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, then signature lines
 * {@code — <key name> base64(key id || Ed25519 signature over the text)}. {@link #open} follows the spec's rules:
 * signatures by unknown keys are ignored, a failing signature by the known key rejects the note, and a note without a
 * verifying signature by it is rejected.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    private SignedNote() {
    }

    /** Thrown when a note is malformed or not signed by the expected key. */
    public static final class NoteException extends RuntimeException {
        public NoteException(String message) {
            super(message);
        }
    }

    public static String sign(String text, NoteKeys.SignerKey signer) {
        checkText(text);
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initSign(signer.privateKey());
            ed.update(text.getBytes(StandardCharsets.UTF_8));
            byte[] signature = ed.sign();
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(signer.verifier().keyId())
                    .put(signature).array();
            return text + "\n" + DASH + signer.verifier().name() + " " + Base64.getEncoder().encodeToString(blob)
                    + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519", e);
        }
    }

    /** The text of {@code note} if the key signed it; otherwise a {@link NoteException} saying why not. */
    public static String open(String note, NoteKeys.VerifierKey key) {
        if (note == null || !note.endsWith("\n")) {
            throw new NoteException("a signed note ends with a newline");
        }
        if (note.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new NoteException("a signed note contains no control characters other than newline");
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new NoteException("a signed note has a blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String[] lines = note.substring(split + 2).split("\n");
        if (lines.length == 0 || lines.length > MAX_SIGNATURES) {
            throw new NoteException("a signed note has 1 to " + MAX_SIGNATURES + " signatures");
        }
        boolean verified = false;
        for (String line : lines) {
            if (!line.startsWith(DASH)) {
                throw new NoteException("malformed signature line: " + line);
            }
            String rest = line.substring(DASH.length());
            int space = rest.indexOf(' ');
            if (space <= 0) {
                throw new NoteException("malformed signature line: " + line);
            }
            String name = rest.substring(0, space);
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(rest.substring(space + 1));
            } catch (IllegalArgumentException e) {
                throw new NoteException("a signature is not base64: " + line);
            }
            if (blob.length < 5) {
                throw new NoteException("a signature is shorter than its key id: " + line);
            }
            int keyId = ByteBuffer.wrap(blob, 0, 4).getInt();
            if (!name.equals(key.name()) || keyId != key.keyId()) {
                continue; // another key's signature (a witness's, say): not ours to judge
            }
            if (!verifies(text, Arrays.copyOfRange(blob, 4, blob.length), key)) {
                throw new NoteException("the signature of " + key.name() + " does not match the note");
            }
            verified = true;
        }
        if (!verified) {
            throw new NoteException("the note carries no signature of " + key);
        }
        return text;
    }

    private static boolean verifies(String text, byte[] signature, NoteKeys.VerifierKey key) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key.javaKey());
            ed.update(text.getBytes(StandardCharsets.UTF_8));
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkText(String text) {
        if (text.isEmpty() || !text.endsWith("\n") || text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a note's text is non-empty, ends with a newline and has no control "
                    + "characters other than newline");
        }
    }
}

package io.resolutionledger.api.proof;

import java.util.Arrays;
import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body (c2sp.org/tlog-checkpoint): the log's origin line, the tree size in decimal and the
 * root hash in base64, each ending in a newline. It is only ever trusted inside a {@link SignedNote}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint's origin is one non-empty line");
        }
        if (size < 0 || rootHash == null || rootHash.length != Merkle.HASH_SIZE) {
            throw new IllegalArgumentException("a checkpoint has a size >= 0 and a 32-byte root hash");
        }
        rootHash = Arrays.copyOf(rootHash, rootHash.length);
    }

    public String body() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    public String sign(NoteKeys.SignerKey signer) {
        return SignedNote.sign(body(), signer);
    }

    /** Opens a signed checkpoint: the note must be signed by {@code key}; extension lines are allowed and ignored. */
    public static Checkpoint open(String note, NoteKeys.VerifierKey key) {
        return parse(SignedNote.open(note, key));
    }

    public static Checkpoint parse(String body) {
        String[] lines = body.split("\n", -1);
        if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
            throw new SignedNote.NoteException("a checkpoint has an origin, a size and a root hash line");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new SignedNote.NoteException("a checkpoint's size is a decimal number: " + lines[1]);
        }
        if (!lines[1].equals(Long.toString(size)) || size < 0) {
            throw new SignedNote.NoteException("a checkpoint's size has no sign or leading zeros: " + lines[1]);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new SignedNote.NoteException("a checkpoint's root hash is base64: " + lines[2]);
        }
        if (root.length != Merkle.HASH_SIZE) {
            throw new SignedNote.NoteException("a checkpoint's root hash has 32 bytes");
        }
        return new Checkpoint(lines[0], size, root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && origin.equals(c.origin) && size == c.size
                && Arrays.equals(rootHash, c.rootHash);
    }

    @Override
    public int hashCode() {
        return origin.hashCode() * 31 + Long.hashCode(size);
    }

    @Override
    public String toString() {
        return origin + " size " + size + " root " + Base64.getEncoder().encodeToString(rootHash);
    }
}

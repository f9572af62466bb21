package io.resolutionledger.api.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: the roots of the perfect subtrees that make up its leaves [0, size), one
 * per set bit of size, largest first. Appending a leaf merges equal-sized subtrees like a binary counter, so it
 * costs O(1) amortised hashes and reports the perfect subtrees it completed, which is all a log needs to store to
 * answer every later proof. Memory is O(log n) whatever the size: a verifier can stream a million leaves through it.
 */
public final class CompactRange {

    /** A perfect subtree completed by an append, to be kept. */
    public record Completed(Merkle.Node node, byte[] hash) {
    }

    private final List<byte[]> roots = new ArrayList<>();
    private long size;

    public CompactRange() {
    }

    /** Resumes a tree of {@code size} leaves from the hashes of its perfect subtrees, largest first. */
    public CompactRange(long size, List<byte[]> edge) {
        if (Long.bitCount(size) != edge.size()) {
            throw new IllegalArgumentException("a tree of " + size + " leaves has " + Long.bitCount(size)
                    + " perfect subtrees on its edge, not " + edge.size());
        }
        this.size = size;
        edge.forEach(h -> roots.add(Merkle.copy(h)));
    }

    /** The perfect subtrees on the edge of a tree of {@code size} leaves, largest first (to load a range). */
    public static List<Merkle.Node> edge(long size) {
        return Merkle.perfectNodes(new Merkle.Range(0, size));
    }

    public long size() {
        return size;
    }

    /** Appends the leaf hash of leaf number {@link #size()}; returns the subtrees this completed, the leaf first. */
    public List<Completed> append(byte[] leafHash) {
        List<Completed> completed = new ArrayList<>(2);
        long index = size;
        byte[] hash = Merkle.copy(leafHash);
        completed.add(new Completed(new Merkle.Node(0, index), hash));
        int level = 0;
        // every trailing 1 bit of the old size is a subtree of the new one's size to merge with
        while (((index >> level) & 1) == 1) {
            byte[] left = roots.remove(roots.size() - 1);
            hash = Merkle.nodeHash(left, hash);
            level++;
            completed.add(new Completed(new Merkle.Node(level, index >> level), hash));
        }
        roots.add(hash);
        size++;
        return completed;
    }

    /** The tree's root hash, RFC 9162's MTH(D[0:size]). */
    public byte[] root() {
        if (roots.isEmpty()) {
            return Merkle.copy(Merkle.EMPTY_ROOT);
        }
        byte[] hash = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            hash = Merkle.nodeHash(roots.get(i), hash);
        }
        return hash;
    }

    /** The hashes of the perfect subtrees on the edge, largest first. */
    public List<byte[]> edgeHashes() {
        return roots.stream().map(Merkle::copy).toList();
    }
}

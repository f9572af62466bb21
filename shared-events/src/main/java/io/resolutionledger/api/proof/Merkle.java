package io.resolutionledger.api.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * RFC 9162 section 2.1 Merkle trees over SHA-256: leaf hash H(0x00 || leaf), inner node H(0x01 || left || right),
 * the split of n leaves at the largest power of two below n.
 * <p>
 * Proofs are planned as {@link Range}s of leaves whose subtree hashes they carry; each range is the fold of at most
 * log2(n) perfect subtrees ({@link Node}), which a log keeps once written. So a proof costs O(log n) stored hashes,
 * never a walk over the leaves.
 */
public final class Merkle {

    public static final int HASH_SIZE = 32;
    /** The root of the empty tree: SHA-256 of nothing. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private Merkle() {
    }

    /** A perfect subtree of 2^level leaves, the index-th of its level: leaves [index * 2^level, (index+1) * 2^level). */
    public record Node(int level, long index) {
        public long start() {
            return index << level;
        }

        public long end() {
            return (index + 1) << level;
        }
    }

    /** The leaves [start, end) whose Merkle tree hash (MTH) a proof carries. */
    public record Range(long start, long end) {
    }

    public static byte[] leafHash(byte[] leaf) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        digest.update(leaf);
        return digest.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }

    /** The largest power of two strictly below n (n >= 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /**
     * The perfect subtrees whose fold is MTH(D[start:end]), largest first. {@code start} must be a multiple of the
     * largest power of two not above end - start, which holds for every range RFC 9162's recursions produce.
     */
    public static List<Node> perfectNodes(Range range) {
        List<Node> nodes = new ArrayList<>();
        long start = range.start();
        long size = range.end() - start;
        while (size > 0) {
            long k = Long.bitCount(size) == 1 ? size : split(size);
            int level = Long.numberOfTrailingZeros(k);
            if (start % k != 0) {
                throw new IllegalArgumentException("range " + range + " is not aligned to its subtrees");
            }
            nodes.add(new Node(level, start >> level));
            start += k;
            size -= k;
        }
        return nodes;
    }

    /** MTH of a range from the hashes of its perfect subtrees: H(n1, H(n2, ... H(nk-1, nk))). */
    public static byte[] rangeHash(Range range, Function<Node, byte[]> nodes) {
        List<Node> parts = perfectNodes(range);
        if (parts.isEmpty()) {
            return EMPTY_ROOT;
        }
        byte[] hash = nodes.apply(parts.get(parts.size() - 1));
        for (int i = parts.size() - 2; i >= 0; i--) {
            hash = nodeHash(nodes.apply(parts.get(i)), hash);
        }
        return hash;
    }

    /** RFC 9162 section 2.1.3.1: the ranges whose hashes form the audit path of leaf {@code index} in a tree of size. */
    public static List<Range> inclusionRanges(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
        }
        List<Range> path = new ArrayList<>();
        long start = 0;
        long n = size;
        long m = index;
        // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n]) or PATH(m - k, D[k:n]) : MTH(D[0:k]); collected top-down
        while (n > 1) {
            long k = split(n);
            if (m < k) {
                path.add(new Range(start + k, start + n));
                n = k;
            } else {
                path.add(new Range(start, start + k));
                start += k;
                m -= k;
                n -= k;
            }
        }
        Collections.reverse(path);
        return path;
    }

    /** RFC 9162 section 2.1.4.1: the ranges whose hashes prove that the tree of size {@code to} extends {@code from}. */
    public static List<Range> consistencyRanges(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<Range> proof = new ArrayList<>();
        if (from == 0 || from == to) {
            return proof;
        }
        long start = 0;
        long n = to;
        long m = from;
        boolean whole = true;
        // SUBPROOF(m, D[n], b), collected top-down and reversed: the RFC appends each MTH after the sub-proof
        while (m != n) {
            long k = split(n);
            if (m <= k) {
                proof.add(new Range(start + k, start + n));
                n = k;
            } else {
                proof.add(new Range(start, start + k));
                start += k;
                m -= k;
                n -= k;
                whole = false;
            }
        }
        if (!whole) {
            proof.add(new Range(start, start + n));
        }
        Collections.reverse(proof);
        return proof;
    }

    public static List<byte[]> inclusionProof(long index, long size, Function<Node, byte[]> nodes) {
        return inclusionRanges(index, size).stream().map(r -> rangeHash(r, nodes)).toList();
    }

    public static List<byte[]> consistencyProof(long from, long to, Function<Node, byte[]> nodes) {
        return consistencyRanges(from, to).stream().map(r -> rangeHash(r, nodes)).toList();
    }

    /** RFC 9162 section 2.1.3.2: the root an audit path leads to from a leaf hash, or null if the path cannot fit. */
    public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> path) {
        if (index < 0 || index >= size || !wellFormed(leafHash) || path.stream().anyMatch(p -> !wellFormed(p))) {
            return null;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return null;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 ? r : null;
    }

    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        byte[] computed = rootFromInclusion(index, size, leafHash, path);
        return computed != null && MessageDigest.isEqual(computed, root);
    }

    /** RFC 9162 section 2.1.4.2, with the two cases it leaves to the caller: equal sizes, and the empty first tree. */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to || !wellFormed(fromRoot) || !wellFormed(toRoot)
                || proof.stream().anyMatch(p -> !wellFormed(p))) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty() && MessageDigest.isEqual(fromRoot, EMPTY_ROOT);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(fr, fromRoot) && MessageDigest.isEqual(sr, toRoot);
    }

    private static boolean wellFormed(byte[] hash) {
        return hash != null && hash.length == HASH_SIZE;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static byte[] copy(byte[] hash) {
        return Arrays.copyOf(hash, hash.length);
    }
}

package io.resolutionledger.api.proof;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9162 trees: the Certificate Transparency reference vectors (the eight leaves of RFC 6962's test data and their
 * roots and proofs, as published with transparency-dev/merkle and certificate-transparency-go), and, for every tree
 * size up to 300, equality with a brute-force reference written straight from the RFC's recursive definitions.
 */
class MerkleTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> CT_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
            "5051525354555657", "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** A log in memory for the tests: every perfect subtree an append completed, as the query side stores them. */
    private static final class StoredTree {
        final CompactRange range = new CompactRange();
        final Map<Merkle.Node, byte[]> nodes = new HashMap<>();

        void append(byte[] leafHash) {
            range.append(leafHash).forEach(c -> nodes.put(c.node(), c.hash()));
        }

        byte[] node(Merkle.Node node) {
            byte[] hash = nodes.get(node);
            if (hash == null) {
                throw new AssertionError("a proof asked for a subtree that was never completed: " + node);
            }
            return hash;
        }
    }

    // ---- the brute-force reference, RFC 9162 section 2.1.1, 2.1.3.1 and 2.1.4.1 as written -------------------------

    private static final Map<String, byte[]> MEMO = new HashMap<>();

    private static byte[] mth(List<byte[]> leafHashes, int from, int to) {
        String key = from + ":" + to + ":" + System.identityHashCode(leafHashes);
        byte[] known = MEMO.get(key);
        if (known != null) {
            return known;
        }
        int n = to - from;
        byte[] hash;
        if (n == 0) {
            hash = Merkle.EMPTY_ROOT;
        } else if (n == 1) {
            hash = leafHashes.get(from);
        } else {
            int k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            hash = Merkle.nodeHash(mth(leafHashes, from, from + k), mth(leafHashes, from + k, to));
        }
        MEMO.put(key, hash);
        return hash;
    }

    private static List<byte[]> path(List<byte[]> d, int m, int from, int to) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (n <= 1) {
            return out;
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        if (m < k) {
            out.addAll(path(d, m, from, from + k));
            out.add(mth(d, from + k, to));
        } else {
            out.addAll(path(d, m - k, from + k, to));
            out.add(mth(d, from, from + k));
        }
        return out;
    }

    private static List<byte[]> subproof(List<byte[]> d, int m, int from, int to, boolean b) {
        int n = to - from;
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d, from, to));
            }
            return out;
        }
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        if (m <= k) {
            out.addAll(subproof(d, m, from, from + k, b));
            out.add(mth(d, from + k, to));
        } else {
            out.addAll(subproof(d, m - k, from + k, to, false));
            out.add(mth(d, from, from + k));
        }
        return out;
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    void the_certificate_transparency_reference_roots() {
        StoredTree tree = new StoredTree();
        assertThat(HEX.formatHex(tree.range.root()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        for (int n = 0; n < CT_LEAVES.size(); n++) {
            tree.append(Merkle.leafHash(CT_LEAVES.get(n)));
            assertThat(HEX.formatHex(tree.range.root())).as("root of size %d", n + 1).isEqualTo(CT_ROOTS.get(n));
        }
    }

    @Test
    void the_certificate_transparency_reference_proofs() {
        StoredTree tree = new StoredTree();
        CT_LEAVES.forEach(l -> tree.append(Merkle.leafHash(l)));
        assertThat(hex(Merkle.inclusionProof(0, 8, tree::node))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(Merkle.inclusionProof(5, 8, tree::node))).containsExactly(
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(Merkle.consistencyProof(1, 8, tree::node))).containsExactly(
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
        assertThat(hex(Merkle.consistencyProof(6, 8, tree::node))).containsExactly(
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
        assertThat(hex(Merkle.consistencyProof(2, 5, treeOf(5)::node))).containsExactly(
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
        assertThat(Merkle.verifyConsistency(6, 8, HEX.parseHex(CT_ROOTS.get(5)), HEX.parseHex(CT_ROOTS.get(7)),
                Merkle.consistencyProof(6, 8, tree::node))).isTrue();
        assertThat(Merkle.verifyConsistency(6, 8, HEX.parseHex(CT_ROOTS.get(4)), HEX.parseHex(CT_ROOTS.get(7)),
                Merkle.consistencyProof(6, 8, tree::node))).isFalse();
    }

    private static StoredTree treeOf(int n) {
        StoredTree tree = new StoredTree();
        CT_LEAVES.subList(0, n).forEach(l -> tree.append(Merkle.leafHash(l)));
        return tree;
    }

    @Test
    void every_tree_up_to_300_leaves_equals_the_brute_force_reference_and_every_proof_verifies() {
        int max = 300;
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            leaves.add(Merkle.leafHash(ByteBuffer.allocate(8).putLong(i * 7919L).array()));
        }
        StoredTree tree = new StoredTree();
        List<byte[]> roots = new ArrayList<>();
        roots.add(Merkle.EMPTY_ROOT);
        for (int n = 1; n <= max; n++) {
            tree.append(leaves.get(n - 1));
            byte[] root = tree.range.root();
            assertThat(root).as("root of %d leaves", n).isEqualTo(mth(leaves, 0, n));
            // a resumed range (as the log reloads it after a restart) continues identically
            CompactRange resumed = new CompactRange(n, CompactRange.edge(n).stream().map(tree::node).toList());
            assertThat(resumed.root()).isEqualTo(root);
            roots.add(root);
        }
        int inclusions = 0;
        int consistencies = 0;
        for (int n = 1; n <= max; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> proof = Merkle.inclusionProof(m, n, tree::node);
                assertThat(hex(proof)).as("path of %d in %d", m, n).isEqualTo(hex(path(leaves, m, 0, n)));
                assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), proof, roots.get(n))).isTrue();
                if (n > 1) {
                    assertThat(Merkle.verifyInclusion(m, n, leaves.get((m + 1) % n), proof, roots.get(n)))
                            .as("another leaf at %d in %d", m, n).isFalse();
                    assertThat(Merkle.verifyInclusion((m + 1) % n, n, leaves.get(m), proof, roots.get(n)))
                            .as("the leaf at another index, %d in %d", m, n).isFalse();
                }
                if (!proof.isEmpty()) {
                    List<byte[]> bent = new ArrayList<>(proof);
                    byte[] flipped = bent.get(0).clone();
                    flipped[0] ^= 1;
                    bent.set(0, flipped);
                    assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), bent, roots.get(n))).isFalse();
                    assertThat(Merkle.verifyInclusion(m, n, leaves.get(m), proof.subList(1, proof.size()),
                            roots.get(n))).isFalse();
                }
                inclusions++;
            }
            for (int m = 0; m <= n; m++) {
                List<byte[]> proof = Merkle.consistencyProof(m, n, tree::node);
                List<byte[]> reference = m == 0 ? List.of() : subproof(leaves, m, 0, n, true);
                assertThat(hex(proof)).as("consistency %d to %d", m, n).isEqualTo(hex(reference));
                assertThat(Merkle.verifyConsistency(m, n, roots.get(m), roots.get(n), proof))
                        .as("consistency %d to %d verifies", m, n).isTrue();
                if (m > 0 && m < n) {
                    assertThat(Merkle.verifyConsistency(m, n, roots.get(m - 1), roots.get(n), proof))
                            .as("a wrong old root %d to %d", m, n).isFalse();
                    assertThat(Merkle.verifyConsistency(m, n, roots.get(m), roots.get(n - 1), proof)).isFalse();
                }
                consistencies++;
            }
        }
        assertThat(inclusions).isEqualTo(max * (max + 1) / 2);
        assertThat(consistencies).isPositive();
    }

    @Test
    void the_appends_store_about_two_subtrees_per_leaf() {
        StoredTree tree = new StoredTree();
        for (int i = 0; i < 1024; i++) {
            tree.append(Merkle.leafHash(new byte[]{(byte) i}));
        }
        assertThat(tree.nodes).hasSize(2047);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}

package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, with nothing but a bundle, the log's verifier key and (optionally) a checkpoint saved earlier, whether the
 * ledger told the truth about one resolution: the checkpoint is signed by the key, every leaf is in the tree it
 * commits to at the index it claims, the leaves are the resolution's whole history (sequences 0..n-1 of one
 * aggregate), and the tree extends the saved checkpoint's tree (or equals it).
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    /** What the bundle proves; {@code problems} is empty exactly when everything checked out. */
    public record Verdict(Checkpoint checkpoint, List<LedgerLeaf> leaves, List<String> problems) {
        public boolean verified() {
            return problems.isEmpty();
        }
    }

    public static Verdict verify(ProofBundle bundle, NoteKeys.VerifierKey key, String savedCheckpoint) {
        List<String> problems = new ArrayList<>();
        List<LedgerLeaf> leaves = new ArrayList<>();
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(bundle.checkpoint(), key);
        } catch (RuntimeException e) {
            problems.add("the bundle's checkpoint is not signed by " + key + ": " + e.getMessage());
            return new Verdict(null, leaves, problems);
        }
        if (bundle.publicKey() != null && !bundle.publicKey().strip().equals(key.toString())) {
            problems.add("the bundle names another key (" + bundle.publicKey() + ") than the one you trust");
        }
        if (bundle.entries().isEmpty()) {
            problems.add("the bundle has no entries");
        }
        String aggregate = null;
        long expectedSequence = 0;
        for (ProofBundle.Entry entry : bundle.entries()) {
            String where = "entry " + entry.index();
            if (entry.index() < 0 || entry.index() >= checkpoint.size()) {
                problems.add(where + " lies outside the checkpoint's tree of size " + checkpoint.size());
                continue;
            }
            if (!Merkle.verifyInclusion(entry.index(), checkpoint.size(), Merkle.leafHash(entry.leaf()),
                    entry.inclusion(), checkpoint.rootHash())) {
                problems.add(where + ": its leaf is not in the tree the checkpoint commits to (inclusion proof fails)");
                continue;
            }
            LedgerLeaf leaf;
            try {
                leaf = LedgerLeaf.parse(entry.leaf());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
                continue;
            }
            if (leaf.index() != entry.index()) {
                problems.add(where + ": the leaf says it is at index " + leaf.index());
            }
            if (aggregate == null) {
                aggregate = leaf.aggregateId();
            } else if (!aggregate.equals(leaf.aggregateId())) {
                problems.add(where + ": the leaf belongs to " + leaf.aggregateId() + ", not " + aggregate);
            }
            if (leaf.sequence() != expectedSequence) {
                problems.add(where + ": sequence " + leaf.sequence() + " where " + expectedSequence
                        + " was due (the bundle must hold the resolution's whole history, in order)");
            }
            expectedSequence = leaf.sequence() + 1;
            leaves.add(leaf);
        }
        if (bundle.resolutionId() != null && aggregate != null && !bundle.resolutionId().equals(aggregate)) {
            problems.add("the bundle is for " + bundle.resolutionId() + " but its leaves are of " + aggregate);
        }
        if (savedCheckpoint != null) {
            problems.addAll(consistentWithSaved(checkpoint, bundle.consistency(), savedCheckpoint, key));
        }
        return new Verdict(checkpoint, leaves, problems);
    }

    /** Whether the checkpoint's tree and a saved checkpoint's tree are one history (one extends the other). */
    static List<String> consistentWithSaved(Checkpoint checkpoint, ProofBundle.Consistency consistency,
                                            String savedNote, NoteKeys.VerifierKey key) {
        Checkpoint saved;
        try {
            saved = Checkpoint.open(savedNote, key);
        } catch (RuntimeException e) {
            return List.of("the saved checkpoint is not signed by " + key + ": " + e.getMessage());
        }
        if (!saved.origin().equals(checkpoint.origin())) {
            return List.of("the saved checkpoint is of another log: " + saved.origin());
        }
        if (saved.size() == checkpoint.size()) {
            return java.util.Arrays.equals(saved.rootHash(), checkpoint.rootHash()) ? List.of()
                    : List.of("FORK: two signed checkpoints of size " + saved.size() + " with different roots: "
                    + saved + " and " + checkpoint);
        }
        Checkpoint older = saved.size() < checkpoint.size() ? saved : checkpoint;
        Checkpoint newer = older == saved ? checkpoint : saved;
        if (consistency == null || consistency.from() != older.size() || consistency.to() != newer.size()) {
            return List.of("the bundle carries no consistency proof from size " + older.size() + " to "
                    + newer.size() + " (ask for the bundle with ?since=" + older.size() + ")");
        }
        return Merkle.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                consistency.hashes()) ? List.of()
                : List.of("FORK: the checkpoint " + newer + " does not extend the checkpoint " + older
                + " (the consistency proof fails): the history was rewritten");
    }

    /**
     * The resolution as its proven leaves tell it: title, the text of the adopted version, the tally, the
     * publication reference. Read only from the leaves, never from the server's other answers.
     */
    public static List<String> summary(List<LedgerLeaf> leaves) {
        List<String> lines = new ArrayList<>();
        String title = null;
        java.util.Map<Long, String> texts = new java.util.HashMap<>();
        Long adoptedVersion = null;
        JsonNode tally = null;
        String reference = null;
        for (LedgerLeaf leaf : leaves) {
            JsonNode p = leaf.payload() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                    : leaf.payload();
            lines.add(String.format("  #%d  seq %d  %-24s occurred %s  recorded %s", leaf.index(), leaf.sequence(),
                    leaf.simpleType(), leaf.occurredAt(), leaf.recordedAt()));
            switch (String.valueOf(leaf.simpleType())) {
                case "ResolutionProposed" -> {
                    title = p.path("title").asText(null);
                    texts.put(1L, p.path("text").asText(null));
                }
                case "ResolutionAmended", "TabledAmendmentAccepted" -> {
                    if (p.hasNonNull("title")) {
                        title = p.path("title").asText();
                    }
                    texts.put(p.path("version").asLong(), p.path("text").asText(null));
                }
                case "ResolutionAdopted" -> {
                    adoptedVersion = p.path("version").asLong();
                    tally = p.get("tally");
                }
                case "ResolutionPublished" -> reference = p.hasNonNull("publicationReference")
                        ? p.get("publicationReference").asText() : p.path("reference").asText(null);
                default -> {
                }
            }
        }
        List<String> out = new ArrayList<>();
        out.add("resolution " + (leaves.isEmpty() ? "?" : leaves.get(0).aggregateId()) + ": " + title);
        if (adoptedVersion != null) {
            out.add("adopted version " + adoptedVersion + (tally == null ? "" : ", tally " + tally));
            out.add("adopted text:");
            String text = texts.get(adoptedVersion);
            for (String line : String.valueOf(text).split("\n")) {
                out.add("  | " + line);
            }
        } else {
            out.add("not adopted in the proven history");
        }
        if (reference != null) {
            out.add("published as: " + reference);
        }
        out.add("events (" + leaves.size() + "):");
        out.addAll(lines);
        return out;
    }
}

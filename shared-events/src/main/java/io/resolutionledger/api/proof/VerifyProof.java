package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * {@code verify-proof FILE --key KEY [--checkpoint SAVED]}: the offline verifier. No network, no database.
 * <ul>
 *   <li>FILE a resolution's bundle ({@code GET /api/resolutions/{id}/proof}): checks the signed checkpoint, every
 *   leaf's inclusion, that the leaves are the resolution's whole history, and prints the adopted text they prove;
 *   with {@code --checkpoint}, also that the bundle's tree extends the saved one (no fork).</li>
 *   <li>FILE an export ({@code GET /api/audit/export?format=jsonl}): rebuilds the tree from every line's leaf bytes
 *   and compares its root with the signed checkpoint given by {@code --checkpoint}.</li>
 * </ul>
 * KEY is a verifier key string ({@code name+id+base64}) or a file holding one. Exit status 0: verified; 1: not
 * verified (the reasons are printed); 2: wrong usage or unreadable input.
 */
public final class VerifyProof {

    private VerifyProof() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String file = null;
        String key = null;
        String saved = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--key" -> key = i + 1 < args.length ? args[++i] : null;
                case "--checkpoint" -> saved = i + 1 < args.length ? args[++i] : null;
                default -> file = args[i];
            }
        }
        if (file == null || key == null) {
            err.println("usage: verify-proof BUNDLE-OR-EXPORT --key VERIFIER-KEY [--checkpoint SAVED-CHECKPOINT]");
            return 2;
        }
        NoteKeys.VerifierKey verifier;
        String savedNote;
        boolean export;
        try {
            verifier = NoteKeys.VerifierKey.parse(textOrFile(key));
            savedNote = saved == null ? null : Files.readString(Path.of(saved), StandardCharsets.UTF_8);
            export = isExport(Path.of(file));
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-proof: " + e.getMessage());
            return 2;
        }
        if (!export) {
            JsonNode bundle;
            try {
                bundle = new ObjectMapper().readTree(Files.readAllBytes(Path.of(file)));
            } catch (IOException e) {
                err.println("verify-proof: " + file + " is neither a proof bundle nor an export: " + e.getMessage());
                return 2;
            }
            return bundle(bundle, verifier, savedNote, out, err);
        }
        if (savedNote == null) {
            err.println("verify-proof: an export proves nothing without a signed checkpoint to compare it with: "
                    + "add --checkpoint FILE (e.g. saved from GET /api/ledger/checkpoint)");
            return 2;
        }
        return export(Path.of(file), verifier, savedNote, out, err);
    }

    private static int bundle(JsonNode json, NoteKeys.VerifierKey key, String saved, PrintStream out,
                              PrintStream err) {
        ProofBundle bundle;
        try {
            bundle = ProofBundle.parse(json);
        } catch (IllegalArgumentException e) {
            err.println("verify-proof: not a proof bundle: " + e.getMessage());
            return 2;
        }
        BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, key, saved);
        if (verdict.checkpoint() != null) {
            out.println("checkpoint: " + verdict.checkpoint() + " (signed by " + key.name() + ")");
        }
        if (!verdict.verified()) {
            out.println("NOT VERIFIED:");
            verdict.problems().forEach(p -> out.println("  - " + p));
            return 1;
        }
        BundleVerifier.summary(verdict.leaves()).forEach(out::println);
        out.println("VERIFIED: " + verdict.leaves().size() + " events are in the log at the indexes shown"
                + (saved == null ? "" : ", and the log extends the checkpoint you saved"));
        return 0;
    }

    private static int export(Path file, NoteKeys.VerifierKey key, String saved, PrintStream out,
                              PrintStream err) {
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.open(saved, key);
        } catch (RuntimeException e) {
            out.println("NOT VERIFIED: the checkpoint is not signed by " + key + ": " + e.getMessage());
            return 1;
        }
        ObjectMapper json = new ObjectMapper();
        CompactRange tree = new CompactRange();
        byte[] rootAtCheckpoint = checkpoint.size() == 0 ? Merkle.EMPTY_ROOT : null;
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                JsonNode leafText = node.get("leaf");
                if (leafText == null || !leafText.isTextual()) {
                    break; // the events after the log's end (not leaves yet) close an export
                }
                byte[] leaf = Base64.getDecoder().decode(leafText.asText());
                long claimed = LedgerLeaf.parse(leaf).index();
                if (claimed != tree.size()) {
                    out.println("NOT VERIFIED: line " + (tree.size() + 1) + " holds the leaf of index " + claimed
                            + ", expected " + tree.size());
                    return 1;
                }
                tree.append(Merkle.leafHash(leaf));
                if (tree.size() == checkpoint.size()) {
                    rootAtCheckpoint = tree.root();
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-proof: unreadable export: " + e.getMessage());
            return 2;
        }
        out.println("export: " + tree.size() + " leaves, root " + Base64.getEncoder().encodeToString(tree.root()));
        out.println("checkpoint: " + checkpoint);
        if (rootAtCheckpoint == null) {
            out.println("NOT VERIFIED: the export has fewer leaves (" + tree.size() + ") than the checkpoint ("
                    + checkpoint.size() + ")");
            return 1;
        }
        if (!Arrays.equals(rootAtCheckpoint, checkpoint.rootHash())) {
            out.println("NOT VERIFIED: the export's first " + checkpoint.size()
                    + " leaves do not hash to the checkpoint's root");
            return 1;
        }
        out.println("VERIFIED: the export's first " + checkpoint.size() + " leaves are exactly the tree the "
                + "checkpoint commits to");
        return 0;
    }

    /** An export's first line is a JSON object with a {@code leaf}; a bundle is one JSON object with entries. */
    private static boolean isExport(Path file) throws IOException {
        try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = lines.readLine();
            while (first != null && first.isBlank()) {
                first = lines.readLine();
            }
            if (first == null) {
                throw new IOException(file + " is empty");
            }
            try {
                JsonNode node = new ObjectMapper().readTree(first);
                return node != null && node.isObject() && node.has("leaf");
            } catch (IOException e) {
                return false; // a bundle over several lines (pretty-printed)
            }
        }
    }

    static String textOrFile(String value) throws IOException {
        Path path = Path.of(value);
        return value.contains("+") && !Files.isRegularFile(path) ? value
                : Files.readString(path, StandardCharsets.UTF_8).strip();
    }
}

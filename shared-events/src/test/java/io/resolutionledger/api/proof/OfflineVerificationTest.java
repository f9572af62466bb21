package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier and the witness, against logs built here: an honest one and one that forks. */
class OfflineVerificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOLUTION = "3f0c1f8e-0000-4000-8000-000000000001";
    private final NoteKeys.SignerKey key = NoteKeys.SignerKey.generate("ledger.test/dmk");

    /** A log in memory: leaves, the subtrees their appends completed, signed checkpoints. */
    private final class Log {
        final List<byte[]> leaves = new ArrayList<>();
        final CompactRange range = new CompactRange();
        final Map<Merkle.Node, byte[]> nodes = new HashMap<>();

        void add(LedgerLeaf leaf) {
            leaves.add(leaf.bytes());
            range.append(leaf.hash()).forEach(c -> nodes.put(c.node(), c.hash()));
        }

        String checkpoint() {
            return new Checkpoint("ledger.test/dmk", range.size(), range.root()).sign(key);
        }

        ProofBundle bundle(String aggregate, Long since) {
            List<ProofBundle.Entry> entries = new ArrayList<>();
            for (int i = 0; i < leaves.size(); i++) {
                if (LedgerLeaf.parse(leaves.get(i)).aggregateId().equals(aggregate)) {
                    entries.add(new ProofBundle.Entry(i, leaves.get(i),
                            Merkle.inclusionProof(i, range.size(), nodes::get)));
                }
            }
            ProofBundle.Consistency consistency = since == null ? null : new ProofBundle.Consistency(since,
                    range.size(), Merkle.consistencyProof(since, range.size(), nodes::get));
            return new ProofBundle(aggregate, checkpoint(), key.verifier().toString(), entries, consistency);
        }
    }

    private static LedgerLeaf leaf(long index, String aggregate, long sequence, String type, ObjectNode payload) {
        return new LedgerLeaf(index, "event-" + index, aggregate, "Resolution", sequence,
                "io.resolutionledger.api.event." + type, "1", "2024-04-19T10:00:00Z", "2024-04-19T10:00:01Z",
                payload, JsonNodeFactory.instance.objectNode().put("delegation", "DE-BB"));
    }

    private Log dmk() {
        Log log = new Log();
        ObjectNode proposed = JsonNodeFactory.instance.objectNode().put("title", "Smart regions")
                .put("text", "Die DMK unterstützt datenbasierte Lösungen.");
        log.add(leaf(0, RESOLUTION, 0, "ResolutionProposed", proposed));
        log.add(leaf(1, "other", 0, "ResolutionProposed", JsonNodeFactory.instance.objectNode().put("title", "x")));
        ObjectNode amended = JsonNodeFactory.instance.objectNode().put("version", 2)
                .put("text", "Die DMK unterstützt datenbasierte Smart-City-Lösungen.");
        log.add(leaf(2, RESOLUTION, 1, "ResolutionAmended", amended));
        ObjectNode adopted = JsonNodeFactory.instance.objectNode().put("version", 2);
        adopted.putObject("tally").put("yes", 16).put("no", 0).put("abstain", 0);
        log.add(leaf(3, RESOLUTION, 2, "ResolutionAdopted", adopted));
        log.add(leaf(4, RESOLUTION, 3, "ResolutionPublished",
                JsonNodeFactory.instance.objectNode().put("reference", "Digitales Brandenburg")));
        return log;
    }

    private int verifyProof(Path dir, ProofBundle bundle, String saved, StringBuilder output) throws Exception {
        Path file = dir.resolve("bundle.json");
        Files.writeString(file, JSON.writeValueAsString(bundle.json()));
        List<String> args = new ArrayList<>(List.of(file.toString(), "--key", key.verifier().toString()));
        if (saved != null) {
            Path savedFile = dir.resolve("saved.checkpoint");
            Files.writeString(savedFile, saved);
            args.addAll(List.of("--checkpoint", savedFile.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        output.append(out.toString(StandardCharsets.UTF_8));
        return status;
    }

    @Test
    void an_honest_bundle_verifies_offline_and_shows_the_adopted_text(@TempDir Path dir) throws Exception {
        Log log = dmk();
        StringBuilder out = new StringBuilder();
        assertThat(verifyProof(dir, log.bundle(RESOLUTION, null), null, out)).as(out.toString()).isZero();
        assertThat(out).contains("VERIFIED: 4 events").contains("adopted version 2")
                .contains("Die DMK unterstützt datenbasierte Smart-City-Lösungen.")
                .contains("published as: Digitales Brandenburg");
    }

    @Test
    void a_bundle_with_a_changed_leaf_a_missing_event_or_a_foreign_key_fails(@TempDir Path dir) throws Exception {
        Log log = dmk();
        ProofBundle honest = log.bundle(RESOLUTION, null);

        List<ProofBundle.Entry> edited = new ArrayList<>(honest.entries());
        ProofBundle.Entry adoption = edited.get(2);
        byte[] changed = new String(adoption.leaf(), StandardCharsets.UTF_8).replace("\"yes\":16", "\"yes\":13")
                .getBytes(StandardCharsets.UTF_8);
        edited.set(2, new ProofBundle.Entry(adoption.index(), changed, adoption.inclusion()));
        StringBuilder out = new StringBuilder();
        assertThat(verifyProof(dir, new ProofBundle(RESOLUTION, honest.checkpoint(), honest.publicKey(), edited,
                null), null, out)).isEqualTo(1);
        assertThat(out).contains("entry 3: its leaf is not in the tree");

        List<ProofBundle.Entry> gap = new ArrayList<>(honest.entries());
        gap.remove(1);
        out.setLength(0);
        assertThat(verifyProof(dir, new ProofBundle(RESOLUTION, honest.checkpoint(), honest.publicKey(), gap, null),
                null, out)).isEqualTo(1);
        assertThat(out).contains("sequence 2 where 1 was due");

        NoteKeys.SignerKey impostor = NoteKeys.SignerKey.generate("ledger.test/dmk");
        String forged = new Checkpoint("ledger.test/dmk", log.range.size(), log.range.root()).sign(impostor);
        out.setLength(0);
        assertThat(verifyProof(dir, new ProofBundle(RESOLUTION, forged, honest.publicKey(), honest.entries(), null),
                null, out)).isEqualTo(1);
        assertThat(out).contains("not signed by");
    }

    @Test
    void a_bundle_is_checked_against_a_checkpoint_saved_earlier(@TempDir Path dir) throws Exception {
        Log log = dmk();
        String savedAt3;
        Log early = new Log();
        for (int i = 0; i < 3; i++) {
            early.add(LedgerLeaf.parse(log.leaves.get(i)));
        }
        savedAt3 = early.checkpoint();
        StringBuilder out = new StringBuilder();
        assertThat(verifyProof(dir, log.bundle(RESOLUTION, 3L), savedAt3, out)).as(out.toString()).isZero();
        assertThat(out).contains("extends the checkpoint you saved");

        // a log that rewrote event 1 after the reader saved size 3: same size-3 prefix claim, other history
        Log rewritten = new Log();
        for (int i = 0; i < 5; i++) {
            LedgerLeaf l = LedgerLeaf.parse(log.leaves.get(i));
            rewritten.add(i != 1 ? l : leaf(1, "other", 0, "ResolutionProposed",
                    JsonNodeFactory.instance.objectNode().put("title", "y")));
        }
        out.setLength(0);
        assertThat(verifyProof(dir, rewritten.bundle(RESOLUTION, 3L), savedAt3, out)).isEqualTo(1);
        assertThat(out).contains("FORK");
    }

    @Test
    void the_witness_accepts_growth_and_names_both_checkpoints_of_a_fork(@TempDir Path dir) throws Exception {
        Log log = dmk();
        AtomicReference<Log> served = new AtomicReference<>(log);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/ledger/checkpoint", exchange -> answer(exchange, served.get().checkpoint()));
        server.createContext("/api/ledger/public-key", exchange -> answer(exchange, key.verifier().toString()));
        server.createContext("/api/ledger/proof/consistency", exchange -> {
            Map<String, Long> q = new HashMap<>();
            for (String pair : exchange.getRequestURI().getQuery().split("&")) {
                q.put(pair.substring(0, pair.indexOf('=')), Long.parseLong(pair.substring(pair.indexOf('=') + 1)));
            }
            Log current = served.get();
            ObjectNode proof = JsonNodeFactory.instance.objectNode().put("from", q.get("from")).put("to", q.get("to"));
            proof.set("hashes", ProofBundle.hashes(Merkle.consistencyProof(q.get("from"), q.get("to"),
                    current.nodes::get)));
            answer(exchange, proof.toString());
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort();
            Path state = dir.resolve("witness.json");
            String[] args = {"--url", url, "--state", state.toString(), "--key", key.verifier().toString()};
            assertThat(witness(args)).isZero();

            log.add(leaf(5, "other", 1, "ResolutionWithdrawn", JsonNodeFactory.instance.objectNode()));
            assertThat(witness(args)).isZero();
            assertThat(Files.readString(state)).contains("\\n6\\n");

            // the operator rewrites event 1 and serves a tree of 7 leaves signed with the log's own key
            Log fork = new Log();
            for (int i = 0; i < 6; i++) {
                LedgerLeaf l = LedgerLeaf.parse(log.leaves.get(i));
                fork.add(i != 1 ? l : leaf(1, "other", 0, "ResolutionProposed",
                        JsonNodeFactory.instance.objectNode().put("title", "rewritten")));
            }
            fork.add(leaf(6, "other", 2, "ResolutionWithdrawn", JsonNodeFactory.instance.objectNode()));
            served.set(fork);
            String kept = Files.readString(state);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = Witness.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(status).isEqualTo(Witness.MISBEHAVED);
            assertThat(report).contains("FORK").contains("checkpoint kept earlier:\nledger.test/dmk\n6\n")
                    .contains("checkpoint served now:\nledger.test/dmk\n7\n");
            assertThat(Files.readString(state)).as("the evidence is kept, not replaced").isEqualTo(kept);
        } finally {
            server.stop(0);
        }
    }

    private static int witness(String[] args) {
        return Witness.run(args, new PrintStream(new ByteArrayOutputStream()), System.err);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

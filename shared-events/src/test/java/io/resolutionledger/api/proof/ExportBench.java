package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A documented measurement for BENCHMARKS.md, not a test: writes an export of N leaves shaped like the ledger's
 * (a vote's payload and metadata), signs its checkpoint, and times the offline verifier rebuilding the tree from it.
 * {@code java -cp shared-events/target/test-classes:shared-events/target/classes:<jackson> ...ExportBench 1000000 DIR}
 */
public final class ExportBench {

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        NoteKeys.SignerKey key = NoteKeys.SignerKey.generate("bench.local/log");
        CompactRange tree = new CompactRange();
        Path export = dir.resolve("ledger.jsonl");
        long t0 = System.nanoTime();
        try (BufferedWriter out = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                ObjectNode payload = JsonNodeFactory.instance.objectNode()
                        .put("resolutionId", "00000000-0000-4000-8000-" + String.format("%012d", i / 20))
                        .put("version", 2).put("choice", "YES").put("actor", "DE-BY")
                        .put("occurredAt", "2024-04-19T10:00:00Z");
                ObjectNode meta = JsonNodeFactory.instance.objectNode().put("correlationId", "c-" + i)
                        .put("causationId", "m-" + i).put("delegation", "DE-BY").put("command", "CastVote");
                LedgerLeaf leaf = new LedgerLeaf(i, "e-" + i, payload.get("resolutionId").asText(), "Resolution",
                        i % 20, "io.resolutionledger.api.event.VoteCast", "1", "2024-04-19T10:00:00Z",
                        "2024-04-19T10:00:01Z", payload, meta);
                byte[] bytes = leaf.bytes();
                tree.append(Merkle.leafHash(bytes));
                out.write("{\"logIndex\":" + i + ",\"leaf\":\"" + Base64.getEncoder().encodeToString(bytes) + "\"}\n");
            }
        }
        long written = System.nanoTime();
        Path checkpoint = dir.resolve("checkpoint.txt");
        Files.writeString(checkpoint, new Checkpoint("bench.local/log", n, tree.root()).sign(key));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        long t1 = System.nanoTime();
        int status = VerifyProof.run(new String[]{export.toString(), "--key", key.verifier().toString(),
                "--checkpoint", checkpoint.toString()}, new PrintStream(sink, true, StandardCharsets.UTF_8), System.err);
        long t2 = System.nanoTime();
        System.out.println(sink.toString(StandardCharsets.UTF_8));
        System.out.printf("leaves %d, export %d MB: building (canonical JSON + leaf hashes + tree) %.1f s, "
                        + "verify-proof (parse, re-canonicalize, hash, tree, compare) %.1f s, status %d%n", n,
                Files.size(export) >> 20, (written - t0) / 1e9, (t2 - t1) / 1e9, status);
    }

    private ExportBench() {
    }
}

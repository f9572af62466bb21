package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code witness --url URL --state FILE [--key KEY]}: keeps the last checkpoint it saw of a ledger and, on each run,
 * fetches the latest one, checks its signature and the consistency proof from the one it kept, and keeps the new
 * one. A log that forks (two trees of one size), shrinks or rewrites its history cannot pass: the witness exits
 * with status 3 and prints both checkpoints, the evidence. Run it from cron, on a machine the ledger's operator
 * does not control.
 * <p>
 * The state file is JSON {@code {key, checkpoint}}. The key comes from {@code --key} (a verifier key or a file with
 * one) or from the state; on a first run without either, it is fetched from the ledger and trusted from then on.
 * Exit status: 0 consistent; 3 the log misbehaved; 1 the ledger could not be asked or answered nonsense; 2 usage.
 */
public final class Witness {

    public static final int CONSISTENT = 0;
    public static final int UNREACHABLE = 1;
    public static final int USAGE = 2;
    public static final int MISBEHAVED = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Witness() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String url = null;
        String state = null;
        String key = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = i + 1 < args.length ? args[++i] : null;
                case "--state" -> state = i + 1 < args.length ? args[++i] : null;
                case "--key" -> key = i + 1 < args.length ? args[++i] : null;
                default -> {
                    err.println("witness: unknown argument " + args[i]);
                    return USAGE;
                }
            }
        }
        if (url == null || state == null) {
            err.println("usage: witness --url LEDGER-QUERY-SIDE-URL --state FILE [--key VERIFIER-KEY]");
            return USAGE;
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        Path statePath = Path.of(state);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            JsonNode kept = Files.exists(statePath) ? JSON.readTree(statePath.toFile()) : JSON.createObjectNode();
            String keyText = key != null ? VerifyProof.textOrFile(key)
                    : kept.hasNonNull("key") ? kept.get("key").asText() : null;
            if (keyText == null) {
                keyText = get(http, base + "/api/ledger/public-key").strip();
                out.println("witness: no key given; trusting the ledger's key from now on: " + keyText);
            }
            NoteKeys.VerifierKey verifier = NoteKeys.VerifierKey.parse(keyText);
            if (kept.hasNonNull("key") && !kept.get("key").asText().equals(verifier.toString())) {
                err.println("witness: the key given differs from the key in " + state + "; refusing to mix logs");
                return USAGE;
            }
            String latestNote = get(http, base + "/api/ledger/checkpoint");
            Checkpoint latest;
            try {
                latest = Checkpoint.open(latestNote, verifier);
            } catch (RuntimeException e) {
                out.println("MISBEHAVED: the latest checkpoint is not signed by " + verifier + ": " + e.getMessage());
                out.println(latestNote);
                return MISBEHAVED;
            }
            String previousNote = kept.hasNonNull("checkpoint") ? kept.get("checkpoint").asText() : null;
            if (previousNote != null) {
                Checkpoint previous = Checkpoint.open(previousNote, verifier);
                String problem = judge(http, base, previous, latest);
                if (problem != null) {
                    out.println("MISBEHAVED: " + problem);
                    out.println("checkpoint kept earlier:\n" + previousNote);
                    out.println("checkpoint served now:\n" + latestNote);
                    return MISBEHAVED;
                }
                out.println("consistent: " + previous + " -> " + latest);
            } else {
                out.println("first checkpoint: " + latest);
            }
            save(statePath, verifier, latestNote);
            return CONSISTENT;
        } catch (IOException | IllegalArgumentException e) {
            err.println("witness: " + e.getMessage());
            return UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE;
        }
    }

    /** Null when {@code latest} extends {@code previous}; otherwise what is wrong. */
    private static String judge(HttpClient http, String base, Checkpoint previous, Checkpoint latest)
            throws IOException, InterruptedException {
        if (!previous.origin().equals(latest.origin())) {
            return "the origin changed from " + previous.origin() + " to " + latest.origin();
        }
        if (latest.size() < previous.size()) {
            return "the log shrank from " + previous.size() + " to " + latest.size() + " leaves";
        }
        if (latest.size() == previous.size()) {
            return Arrays.equals(latest.rootHash(), previous.rootHash()) ? null
                    : "FORK: two signed trees of size " + latest.size() + " with different roots";
        }
        JsonNode proof = JSON.readTree(get(http, base + "/api/ledger/proof/consistency?from=" + previous.size()
                + "&to=" + latest.size()));
        if (proof.path("from").asLong(-1) != previous.size() || proof.path("to").asLong(-1) != latest.size()) {
            return "the consistency proof answers another question: " + proof;
        }
        boolean consistent = Merkle.verifyConsistency(previous.size(), latest.size(), previous.rootHash(),
                latest.rootHash(), ProofBundle.hashes(proof.get("hashes")));
        return consistent ? null : "FORK: the tree of size " + latest.size() + " does not extend the tree of size "
                + previous.size() + " (the consistency proof fails): the history was rewritten";
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static void save(Path state, NoteKeys.VerifierKey key, String note) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", key.toString());
        node.put("checkpoint", note);
        Path parent = state.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, ".witness", ".tmp");
        Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        Files.move(temporary, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

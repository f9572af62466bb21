package io.resolutionledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.proof.BundleVerifier;
import io.resolutionledger.api.proof.Checkpoint;
import io.resolutionledger.api.proof.LedgerLeaf;
import io.resolutionledger.api.proof.Merkle;
import io.resolutionledger.api.proof.NoteKeys;
import io.resolutionledger.api.proof.ProofBundle;
import io.resolutionledger.api.proof.VerifyProof;
import io.resolutionledger.api.proof.Witness;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log end to end over HTTP: every event becomes a leaf in global order, checkpoints are signed with the key
 * outside the database and verify with the published verifier key, inclusion and consistency proofs hold, a
 * published resolution's bundle verifies offline, the witness follows the log.
 */
class VerifiableLogTest extends QuerySideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NoteKeys.VerifierKey key() {
        return NoteKeys.VerifierKey.parse(text("/api/ledger/public-key").body());
    }

    private Checkpoint issue() {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/ledger/checkpoints"))
                .header("Authorization", "Bearer " + Tokens.auditor()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Checkpoint.open(answer.body(), key());
    }

    private HttpResponse<String> text(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/plain, application/problem+json").GET());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return Http.client().send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> hashes(JsonNode node) {
        return ProofBundle.hashes(node.get("hashes"));
    }

    @Test
    void every_event_is_a_leaf_in_global_order_under_signed_checkpoints_with_proofs_that_verify() {
        String session = unique("s");
        ledger().schedule(session, 3, LocalDate.parse("2030-04-19"), "Potsdam", "DE-BE").open(session, "DE-BE")
                .propose(unique("r"), session, "Titel", "Text", List.of("t"), "DE-BY").append();
        long first = awaitLogged();
        Checkpoint older = issue();
        assertThat(older.size()).isEqualTo(first);
        assertThat(older.origin()).isEqualTo("ledger.test/dmk");

        ledger().propose(unique("r"), session, "Zweiter", "Text", List.of("t"), "DE-BW").append();
        long second = awaitLogged();
        Checkpoint newer = issue();
        assertThat(newer.size()).isEqualTo(second).isGreaterThan(first);

        // the leaves are the store's events in global order, densely numbered
        List<Long> globals = jdbc.queryForList("SELECT global_index FROM ledger_read.log_leaf ORDER BY log_index",
                Long.class);
        assertThat(globals).isSorted().doesNotHaveDuplicates().hasSize((int) second);
        assertThat(jdbc.queryForObject("SELECT max(log_index) FROM ledger_read.log_leaf", Long.class))
                .isEqualTo(second - 1);

        // the checkpoint of a size is served again, the anonymous way
        HttpResponse<String> bySize = text("/api/ledger/checkpoint?size=" + older.size());
        assertThat(bySize.statusCode()).isEqualTo(200);
        assertThat(bySize.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(Checkpoint.open(bySize.body(), key())).isEqualTo(older);
        assertThat(text("/api/ledger/checkpoint?size=" + (second + 1000)).statusCode()).isEqualTo(404);
        assertThat(Checkpoint.open(text("/api/ledger/checkpoint").body(), key()).size())
                .isGreaterThanOrEqualTo(newer.size());

        // each leaf's bytes hash into the signed root through its audit path
        for (long index : List.of(0L, first - 1, second - 1)) {
            JsonNode proof = http().get("/api/ledger/proof/inclusion?index=" + index + "&size=" + newer.size()).body();
            JsonNode entry = http().get("/api/ledger/entries/" + index, Tokens.auditor()).body();
            byte[] leaf = Base64.getDecoder().decode(entry.get("leaf").asText());
            assertThat(LedgerLeaf.parse(leaf).index()).isEqualTo(index);
            assertThat(Merkle.verifyInclusion(index, newer.size(), Merkle.leafHash(leaf), hashes(proof),
                    newer.rootHash())).as("leaf %d", index).isTrue();
        }
        JsonNode consistency = http().get("/api/ledger/proof/consistency?from=" + older.size() + "&to="
                + newer.size()).body();
        assertThat(Merkle.verifyConsistency(older.size(), newer.size(), older.rootHash(), newer.rootHash(),
                hashes(consistency))).isTrue();

        // bad questions are 400, never 500
        assertThat(http().get("/api/ledger/proof/inclusion?index=5&size=" + (second + 1)).status()).isEqualTo(400);
        assertThat(http().get("/api/ledger/proof/inclusion?index=-1&size=1").status()).isEqualTo(400);
        assertThat(http().get("/api/ledger/proof/consistency?from=3&to=2").status()).isEqualTo(400);
        assertThat(http().get("/api/ledger/proof/inclusion?index=x&size=1").status()).isEqualTo(400);
        // signing on demand is for auditors
        assertThat(send(HttpRequest.newBuilder(uri("/api/ledger/checkpoints"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);

        JsonNode verification = http().get("/api/audit/verify", Tokens.auditor()).body();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("size").asLong()).isGreaterThanOrEqualTo(second);
        assertThat(verification.get("checkpoints").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void an_unpublished_resolution_s_leaves_are_not_shown_to_anonymous_readers() {
        String session = unique("s");
        String draft = unique("r");
        ledger().schedule(session, 4, LocalDate.parse("2030-05-19"), "Kiel", "DE-BE").open(session, "DE-BE")
                .propose(draft, session, "Entwurf", "geheim", List.of("t"), "DE-BY").append();
        long size = awaitLogged();
        long draftIndex = jdbc.queryForObject("SELECT log_index FROM ledger_read.log_leaf WHERE aggregate_identifier = ?",
                Long.class, draft);
        long sessionIndex = jdbc.queryForObject("SELECT min(log_index) FROM ledger_read.log_leaf "
                + "WHERE aggregate_identifier = ?", Long.class, session);
        assertThat(http().get("/api/ledger/entries/" + draftIndex).status()).isEqualTo(404);
        assertThat(http().get("/api/ledger/entries/" + draftIndex, Tokens.delegate("DE-BW")).status()).isEqualTo(404);
        assertThat(http().get("/api/ledger/entries/" + draftIndex, Tokens.auditor()).status()).isEqualTo(200);
        assertThat(http().get("/api/ledger/entries/" + sessionIndex).status()).isEqualTo(200);
        assertThat(http().get("/api/ledger/entries/" + (size + 100)).status()).isEqualTo(404);
        assertThat(http().get("/api/resolutions/" + draft + "/proof").status()).isEqualTo(404);
    }

    @Test
    void a_published_resolution_s_bundle_verifies_offline_and_against_a_checkpoint_saved_earlier(@TempDir Path dir)
            throws Exception {
        String session = unique("s");
        String id = unique("r");
        ledger().schedule(session, 5, LocalDate.parse("2030-06-19"), "Mainz", "DE-RP").open(session, "DE-RP").append();
        awaitLogged();
        Checkpoint saved = issue();
        String savedNote = text("/api/ledger/checkpoint?size=" + saved.size()).body();
        ledger().published(id, session, "Breitbandausbau", List.of("broadband"), "DE-BB", "DE-RP").append();
        awaitLogged();
        awaitProjectionsCaughtUp();

        Http.Response answer = http().get("/api/resolutions/" + id + "/proof?since=" + saved.size());
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        ProofBundle bundle = ProofBundle.parse(answer.body());
        assertThat(bundle.entries()).hasSize(jdbc.queryForObject(
                "SELECT count(*) FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ?", Integer.class, id));
        BundleVerifier.Verdict verdict = BundleVerifier.verify(bundle, key(), savedNote);
        assertThat(verdict.problems()).isEmpty();

        Path file = dir.resolve("bundle.json");
        Files.writeString(file, answer.raw().body());
        Path checkpoint = dir.resolve("saved.txt");
        Files.writeString(checkpoint, savedNote);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(new String[]{file.toString(), "--key", key().toString(), "--checkpoint",
                checkpoint.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(report).isZero();
        assertThat(report).contains("VERIFIED").contains("Breitbandausbau").contains("published as:");

        // a reader who trusts another key is not fooled
        out.reset();
        assertThat(VerifyProof.run(new String[]{file.toString(), "--key",
                NoteKeys.SignerKey.generate("ledger.test/dmk").verifier().toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).isEqualTo(1);
    }

    @Test
    void the_witness_follows_the_log_and_keeps_its_last_checkpoint(@TempDir Path dir) throws Exception {
        ledger().schedule(unique("s"), 6, LocalDate.parse("2030-07-19"), "Bremen", "DE-HB").append();
        awaitLogged();
        issue();
        Path state = dir.resolve("witness.json");
        String[] args = {"--url", "http://localhost:" + port, "--state", state.toString(), "--key", key().toString()};
        assertThat(Witness.run(args, new PrintStream(new ByteArrayOutputStream()), System.err)).isZero();
        ledger().schedule(unique("s"), 7, LocalDate.parse("2030-08-19"), "Bremen", "DE-HB").append();
        awaitLogged();
        Checkpoint latest = issue();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(Witness.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                .as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("consistent");
        JsonNode kept = JSON.readTree(state.toFile());
        assertThat(Checkpoint.open(kept.get("checkpoint").asText(), key()).size())
                .isGreaterThanOrEqualTo(latest.size());
    }

    @Test
    void the_export_carries_each_leaf_and_rebuilds_the_signed_tree(@TempDir Path dir) throws Exception {
        ledger().schedule(unique("s"), 9, LocalDate.parse("2030-09-19"), "Hamburg", "DE-HH").append();
        awaitLogged();
        Checkpoint checkpoint = issue();
        HttpResponse<String> export = send(HttpRequest.newBuilder(uri("/api/audit/export?format=jsonl"))
                .header("Authorization", "Bearer " + Tokens.auditor()).GET());
        assertThat(export.statusCode()).isEqualTo(200);
        Path file = dir.resolve("ledger.jsonl");
        Files.writeString(file, export.body());
        Path saved = dir.resolve("checkpoint.txt");
        Files.writeString(saved, text("/api/ledger/checkpoint?size=" + checkpoint.size()).body());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = VerifyProof.run(new String[]{file.toString(), "--key", key().toString(), "--checkpoint",
                saved.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VERIFIED");
    }

}

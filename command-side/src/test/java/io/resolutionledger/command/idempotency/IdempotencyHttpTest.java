package io.resolutionledger.command.idempotency;

import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key: a repeated request is answered as the first one was and writes nothing new. */
class IdempotencyHttpTest extends CommandHttpTestSupport {

    @Autowired
    IdempotencyConfig.IdempotencyCleanup cleanup;

    private long eventsWithKey(String key) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry"
                + " WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' = ?", Long.class, key);
        return n == null ? 0 : n;
    }

    @Autowired
    io.resolutionledger.command.security.Pseudonyms pseudonyms;

    /** Records are scoped by the caller's pseudonym, never the subject in clear. */
    private long records(String subject, String key) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.idempotency_record"
                + " WHERE caller = ? AND idempotency_key = ?", Long.class, pseudonyms.of(subject), key);
        return n == null ? 0 : n;
    }

    @Test
    void theSameRequestWithTheSameKeyGetsTheFirstAnswerAndWritesNothingNew() {
        String key = UUID.randomUUID().toString();
        String body = proposal(session(false));
        Response first = post("/api/resolutions", TestTokens.delegate(SPONSOR), body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        // the same request again, formatted differently: the same request all the same
        Response again = post("/api/resolutions", TestTokens.delegate(SPONSOR), "  " + body + "\n",
                "Idempotency-Key", key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(eventsWithKey(key)).isEqualTo(1);
        // kept in PostgreSQL, with the events: it outlives a restart
        assertThat(records("user-de-by", key)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT result_type FROM ledger_write.idempotency_record WHERE idempotency_key = ?",
                String.class, key)).isNotBlank();
    }

    @Test
    void anAmendmentIsReplayedWithItsVersion() {
        String resolution = propose(session(false));
        String key = UUID.randomUUID().toString();
        String body = json(Map.of("text", "Neu"));
        Response first = post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR), body,
                "If-Match", "\"1\"", "Idempotency-Key", key);
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        Response again = post("/api/resolutions/" + resolution + "/amendments", TestTokens.delegate(SPONSOR), body,
                "If-Match", "\"1\"", "Idempotency-Key", key);
        assertThat(again.status()).as("a replay, not a 412").isEqualTo(200);
        assertThat(again.json().get("version").asLong()).isEqualTo(2);
        assertThat(again.header("ETag")).contains("\"2\"");
        assertThat(eventCount(resolution)).isEqualTo(2);
    }

    @Test
    void theSameKeyForAnotherRequestIs422() {
        String key = UUID.randomUUID().toString();
        String session = session(false);
        assertThat(post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(session), "Idempotency-Key", key)
                .status()).isEqualTo(201);
        Response other = post("/api/resolutions", TestTokens.delegate(SPONSOR),
                json(Map.of("sessionId", session, "title", "Anderer Titel", "text", "x")), "Idempotency-Key", key);
        assertProblem(other, 422, "IDEMPOTENCY_KEY_REUSED");
        Response otherPath = post("/api/sessions/" + session + "/opening", TestTokens.delegate(SPONSOR), null,
                "Idempotency-Key", key);
        assertProblem(otherPath, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(eventsWithKey(key)).isEqualTo(1);
    }

    @Test
    void keysAreScopedByCaller() {
        String key = UUID.randomUUID().toString();
        String body = proposal(session(false));
        Response mine = post("/api/resolutions", TestTokens.delegate(SPONSOR), body, "Idempotency-Key", key);
        Response theirs = post("/api/resolutions", TestTokens.delegate(SPONSOR, "another-person"), body,
                "Idempotency-Key", key);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.json().get("resolutionId")).isNotEqualTo(mine.json().get("resolutionId"));
        assertThat(eventsWithKey(key)).isEqualTo(2);
    }

    @Test
    void aRefusedCommandLeavesNoRecord() {
        String resolution = propose(session(false));
        String key = UUID.randomUUID().toString();
        Response refused = post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.delegate(SPONSOR), null,
                "Idempotency-Key", key);
        assertProblem(refused, 409, "ALREADY_COSPONSOR");
        assertThat(records("user-de-by", key)).isZero();
        // so the same key can be used once the refusal no longer applies: here by another member
        Response joined = post("/api/resolutions/" + resolution + "/cosponsors", TestTokens.delegate("DE-SL"), null,
                "Idempotency-Key", key);
        assertThat(joined.status()).isEqualTo(200);
    }

    @Test
    void concurrentTwinsWithOneKeyCreateOneResolution() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = proposal(session(false));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return post("/api/resolutions", TestTokens.delegate(SPONSOR), body, "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response r = answer.get();
                assertThat(r.status()).as(r.raw()).isEqualTo(201);
                ids.add(r.json().get("resolutionId").asText());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(eventsWithKey(key)).isEqualTo(1);
        assertThat(records("user-de-by", key)).isEqualTo(1);
    }

    @Test
    void oldRecordsAreCleanedUp() {
        String old = "old-" + UUID.randomUUID();
        String fresh = "fresh-" + UUID.randomUUID();
        String insert = "INSERT INTO ledger_write.idempotency_record (caller, idempotency_key, request_hash, created_at)"
                + " VALUES (?, ?, ?, ?)";
        jdbc.update(insert, pseudonyms.of("cleanup-test"), old, "0".repeat(64),
                Timestamp.from(Instant.now().minus(Duration.ofDays(8))));
        jdbc.update(insert, pseudonyms.of("cleanup-test"), fresh, "0".repeat(64),
                Timestamp.from(Instant.now().minus(Duration.ofDays(6))));
        cleanup.run();
        assertThat(records("cleanup-test", old)).isZero();
        assertThat(records("cleanup-test", fresh)).isEqualTo(1);
    }
}

package io.resolutionledger.command.web;

import io.resolutionledger.command.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A command that the event store does not take in time (here: the event table locked by another transaction, as a
 * hung or overloaded database would) is answered 503 {@code COMMAND_TIMEOUT} with {@code Retry-After} once
 * {@code ledger.commands.timeout} (8 s in the tests) has passed: the request thread is not pinned. Nothing was
 * acknowledged; once the store moves again the command completes, and the same request with the same
 * {@code Idempotency-Key} gets the answer of the stored command instead of writing a second one.
 */
class CommandTimeoutHttpTest extends CommandHttpTestSupport {

    @Autowired
    private DataSource dataSource;

    @Test
    void a_command_the_store_does_not_take_in_time_is_a_503_and_a_retry_with_the_same_key_finds_it()
            throws Exception {
        String session = session(false);
        String key = UUID.randomUUID().toString();
        String body = proposal(session);
        Response answer;
        long took;
        try (Connection lock = dataSource.getConnection(); Statement st = lock.createStatement()) {
            lock.setAutoCommit(false);
            st.execute("SET LOCAL lock_timeout = 0");
            st.execute("LOCK TABLE ledger_write.domain_event_entry IN EXCLUSIVE MODE");
            long start = System.nanoTime();
            answer = post("/api/resolutions", TestTokens.delegate(SPONSOR), body, "Idempotency-Key", key);
            took = Duration.ofNanos(System.nanoTime() - start).toMillis();
            lock.rollback();
        }
        assertProblem(answer, 503, "COMMAND_TIMEOUT");
        assertThat(answer.header("Retry-After")).isPresent();
        assertThat(took).as("answered after the command timeout, well before the JDBC timeouts").isLessThan(15_000);

        // the store moves again: the command that was waiting completes; the retry answers as it did
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response again = post("/api/resolutions", TestTokens.delegate(SPONSOR), body, "Idempotency-Key", key);
            assertThat(again.status()).as(again.raw()).isEqualTo(201);
            String id = again.json().get("resolutionId").asText();
            assertThat(eventCount(id)).isEqualTo(1);
        });
        Long withKey = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry WHERE "
                + "convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' = ?", Long.class, key);
        assertThat(withKey).as("one command stored, never two").isEqualTo(1);
    }
}

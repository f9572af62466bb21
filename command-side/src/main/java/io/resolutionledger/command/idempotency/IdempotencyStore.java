package io.resolutionledger.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.api.json.LedgerJson;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code ledger_write.idempotency_record} table. Inserts go through the same {@code DataSource} as the event
 * store and join the command's Spring transaction, so a record exists exactly when the request's events do.
 */
public class IdempotencyStore {

    private static final ObjectMapper JSON = LedgerJson.messageMapper();

    private final JdbcTemplate jdbc;

    public IdempotencyStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<IdempotencyRecord> find(IdempotencyKey key) {
        List<IdempotencyRecord> found = jdbc.query("""
                        SELECT caller, idempotency_key, request_hash, result_type, result_json, created_at
                          FROM ledger_write.idempotency_record
                         WHERE caller = ? AND idempotency_key = ?""",
                (rs, n) -> new IdempotencyRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        read(rs.getString(5)), rs.getTimestamp(6).toInstant()),
                key.caller(), key.value());
        return found.stream().findFirst();
    }

    /** Fails with a duplicate key ({@code DuplicateKeyException}) when a concurrent request took the key first. */
    public void insert(IdempotencyKey key, String requestHash, String resultType, CommandAnswer answer) {
        jdbc.update("""
                        INSERT INTO ledger_write.idempotency_record
                               (caller, idempotency_key, request_hash, result_type, result_json)
                        VALUES (?, ?, ?, ?, ?)""",
                key.caller(), key.value(), requestHash, resultType, write(answer));
    }

    /** Forgets records created before {@code cutoff}; returns how many. */
    public int deleteOlderThan(Instant cutoff) {
        return jdbc.update("DELETE FROM ledger_write.idempotency_record WHERE created_at < ?", Timestamp.from(cutoff));
    }

    private static String write(CommandAnswer answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a command answer", e);
        }
    }

    private static CommandAnswer read(String json) {
        try {
            return json == null ? null : JSON.readValue(json, CommandAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored command answer", e);
        }
    }
}

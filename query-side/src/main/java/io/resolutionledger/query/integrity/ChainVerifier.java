package io.resolutionledger.query.integrity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recomputes the whole chain from the event store and compares it link by link with the chain recorded when each
 * event was first seen. Reads the store with a cursor (constant memory) in one read-only transaction.
 */
@Component
public class ChainVerifier {

    private static final int FETCH_SIZE = 1_000;
    private final JdbcTemplate jdbc;

    public ChainVerifier(DataSource dataSource) {
        // a template of its own: the cursor's fetch size must not leak into other readers
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
    }

    /** Where the recomputed chain departs from the recorded one. */
    public record Break(long position, long globalIndex, String eventIdentifier, String reason) {
    }

    /**
     * @param valid        no recorded link differs from its recomputation
     * @param events       links checked
     * @param head         the last link (hex), what a holder of a published resolution compares against
     * @param headPosition the last position
     * @param unchained    events in the store not chained yet (the processor's lag, normally near 0)
     * @param brokenAt     the first position where the chain breaks, if it does
     */
    public record Verification(boolean valid, long events, String head, long headPosition, long unchained,
                               Optional<Break> brokenAt) {
    }

    @Transactional(readOnly = true)
    public Verification verify() {
        long stored = jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class);
        State state = new State();
        jdbc.query("SELECT c.position, c.global_index AS chained_index, c.event_identifier AS chained_id, c.link, "
                + StoredEvent.COLUMNS + " FROM ledger_read.hash_chain c "
                + "LEFT JOIN ledger_write.domain_event_entry e ON e.global_index = c.global_index "
                + "ORDER BY c.position", rs -> {
            if (state.broken != null) {
                return;
            }
            long position = rs.getLong("position");
            long index = rs.getLong("chained_index");
            String chainedId = rs.getString("chained_id");
            state.count++;
            if (rs.getString("event_identifier") == null) {
                state.broken = new Break(position, index, chainedId, "the chained event is missing from the store");
                return;
            }
            StoredEvent event = StoredEvent.from(rs);
            byte[] recomputed = HashChain.link(state.previous, event);
            if (!event.eventIdentifier().equals(chainedId)
                    || !Arrays.equals(recomputed, HashChain.unhex(rs.getString("link")))) {
                state.broken = new Break(position, index, chainedId,
                        "the stored event differs from the event that was chained");
                return;
            }
            state.previous = recomputed;
            state.position = position;
        });
        long chained = state.broken == null ? state.count
                : jdbc.queryForObject("SELECT count(*) FROM ledger_read.hash_chain", Long.class);
        return new Verification(state.broken == null, state.count, HashChain.hex(state.previous), state.position,
                Math.max(0, stored - chained), Optional.ofNullable(state.broken));
    }

    private static final class State {
        byte[] previous = HashChain.GENESIS;
        long position;
        long count;
        Break broken;
    }
}

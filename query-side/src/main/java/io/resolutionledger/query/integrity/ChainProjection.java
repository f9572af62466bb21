package io.resolutionledger.query.integrity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Extends the hash chain by every event, in the order the ledger's single-segment processor delivers them (the
 * global order; a transaction that committed late is chained when it is seen). The link is computed from the row
 * as stored, not from the deserialized event, so that {@link ChainVerifier} can recompute it from the store alone.
 * Rows and the processor's token commit together: a crash neither skips nor doubles a link.
 */
@Component
@ProcessingGroup(IntegrityConfig.GROUP)
class ChainProjection {

    private final JdbcTemplate jdbc;

    ChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS
                        + " FROM ledger_write.domain_event_entry e WHERE e.event_identifier = ?",
                (rs, n) -> StoredEvent.from(rs), message.getIdentifier());
        List<Object[]> head = jdbc.query(
                "SELECT position, link FROM ledger_read.hash_chain ORDER BY position DESC LIMIT 1",
                (rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)});
        long position = head.isEmpty() ? 1 : (long) head.get(0)[0] + 1;
        byte[] previous = head.isEmpty() ? HashChain.GENESIS : HashChain.unhex((String) head.get(0)[1]);
        jdbc.update("INSERT INTO ledger_read.hash_chain (position, global_index, event_identifier, link) "
                        + "VALUES (?, ?, ?, ?)", position, event.globalIndex(), event.eventIdentifier(),
                HashChain.hex(HashChain.link(previous, event)));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE ledger_read.hash_chain");
    }
}

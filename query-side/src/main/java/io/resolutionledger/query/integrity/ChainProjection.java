package io.resolutionledger.query.integrity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
    /**
     * The head of the chain as of the last link written in the current transaction, so that a batch does not read
     * back what it just wrote. Only the single segment's thread touches it; it is forgotten whenever a transaction
     * does not commit, and then read again from the table.
     */
    private Head head;

    private record Head(long position, byte[] link) {
    }

    ChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        StoredEvent event = jdbc.queryForObject("SELECT " + StoredEvent.COLUMNS
                        + " FROM ledger_write.domain_event_entry e WHERE e.event_identifier = ?",
                (rs, n) -> StoredEvent.from(rs), message.getIdentifier());
        Head previous = currentHead();
        Head next = new Head(previous.position() + 1, HashChain.link(previous.link(), event));
        jdbc.update("INSERT INTO ledger_read.hash_chain (position, global_index, event_identifier, link) "
                        + "VALUES (?, ?, ?, ?)", next.position(), event.globalIndex(), event.eventIdentifier(),
                HashChain.hex(next.link()));
        head = next;
    }

    private Head currentHead() {
        if (head == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            List<Head> stored = jdbc.query(
                    "SELECT position, link FROM ledger_read.hash_chain ORDER BY position DESC LIMIT 1",
                    (rs, n) -> new Head(rs.getLong(1), HashChain.unhex(rs.getString(2))));
            head = stored.isEmpty() ? new Head(0, HashChain.GENESIS) : stored.get(0);
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        // committed or not, the next transaction reads the head once from the table
                        head = null;
                    }
                });
            }
        }
        return head;
    }

    @ResetHandler
    void reset() {
        head = null;
        jdbc.update("TRUNCATE ledger_read.hash_chain");
    }
}

package io.resolutionledger.query.config;

import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exactly once rests on one fact: the processors' tokens and the projections' rows are written in one transaction.
 * Checked here the way a processor does it: Axon's transaction manager around a token update and a row insert.
 */
class TokenTransactionTest extends QuerySideTest {

    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactionManager;

    @Test
    void a_rolled_back_batch_leaves_neither_the_token_nor_the_rows() {
        String processor = unique("tx-rollback");
        transactionManager.executeInTransaction(() -> tokenStore.initializeTokenSegments(processor, 1));
        tokenStore.fetchToken(processor, 0);

        assertThatThrownBy(() -> transactionManager.executeInTransaction(() -> {
            tokenStore.storeToken(new GlobalSequenceTrackingToken(42), processor, 0);
            jdbc.update("INSERT INTO " + table() + " VALUES (?, 'PROPOSED', 'DE-BY', '{}', '{}', 0)",
                    processor);
            throw new IllegalStateException("crash in the middle of a batch");
        })).hasMessageContaining("crash");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table() + " WHERE resolution_id = ?",
                Long.class, processor)).isZero();
        assertThat(transactionManager.fetchInTransaction(() -> tokenStore.fetchToken(processor, 0))).isNull();
    }

    @Test
    void a_committed_batch_keeps_both() {
        String processor = unique("tx-commit");
        transactionManager.executeInTransaction(() -> tokenStore.initializeTokenSegments(processor, 1));
        tokenStore.fetchToken(processor, 0);

        transactionManager.executeInTransaction(() -> {
            tokenStore.storeToken(new GlobalSequenceTrackingToken(42), processor, 0);
            jdbc.update("INSERT INTO " + table() + " VALUES (?, 'PROPOSED', 'DE-BY', '{}', '{}', 0)",
                    processor);
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table() + " WHERE resolution_id = ?",
                Long.class, processor)).isOne();
        assertThat(transactionManager.fetchInTransaction(() -> tokenStore.fetchToken(processor, 0)))
                .isEqualTo(new GlobalSequenceTrackingToken(42));
        jdbc.update("DELETE FROM " + table() + " WHERE resolution_id = ?", processor);
    }

    /** A read-model table as projections write it: the live generation's copy (its plain name is a view). */
    private String table() {
        return generations.active().table("stats_resolution");
    }
}

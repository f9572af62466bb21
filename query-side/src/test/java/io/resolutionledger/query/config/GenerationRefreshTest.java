package io.resolutionledger.query.config;

import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** How soon the generations (and with them every running rebuild's completion) are read again. */
class GenerationRefreshTest extends QuerySideTest {

    @Test
    void anyRunningRebuildKeepsTheRefreshAtFiftyMilliseconds() {
        assertThat(ReadModelGenerations.nextTick(Duration.ofSeconds(1), true)).isEqualTo(Duration.ofMillis(50));
        assertThat(ReadModelGenerations.nextTick(Duration.ofSeconds(1), false)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aShorterIntervalIsKept() {
        assertThat(ReadModelGenerations.nextTick(Duration.ofMillis(20), true)).isEqualTo(Duration.ofMillis(20));
        assertThat(ReadModelGenerations.nextTick(Duration.ofMillis(20), false)).isEqualTo(Duration.ofMillis(20));
    }

    /**
     * The refresh reads every running rebuild from the table all instances share, also one in place that names no
     * generation (the audit log's), and only while it runs. The row is the one {@code ProjectionAdmin} writes when
     * the audit log's rebuild starts, with a head at start that no replay reaches, so that it stays REBUILDING (and
     * no instance's coordination marks it done) until the test removes it.
     */
    @Test
    void theRefreshSeesARebuildInPlaceWhileItRunsAndThenSlowsDownAgain() {
        generations.refresh();
        assertThat(generations.rebuilding()).as("no rebuild runs between tests").isFalse();
        assertThat(generations.nextTick()).isEqualTo(Duration.ofSeconds(1));
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM ledger_read.audit_event",
                Long.class);
        Long id = jdbc.queryForObject("INSERT INTO ledger_read.rebuild (group_name, generation, state, started_at, "
                + "head_at_start) VALUES (?, NULL, 'REBUILDING', now(), ?) RETURNING rebuild_id", Long.class,
                Projections.AUDIT, head + 1_000_000_000L);
        try {
            generations.refresh();
            assertThat(generations.rebuilding()).isTrue();
            assertThat(generations.nextTick()).isEqualTo(Duration.ofMillis(50));
            // the read models are not being rebuilt: no generation is built beside the live one
            assertThat(generations.state().building()).isNull();
        } finally {
            jdbc.update("DELETE FROM ledger_read.rebuild WHERE rebuild_id = ?", id);
        }
        generations.refresh();
        assertThat(generations.rebuilding()).isFalse();
        assertThat(generations.nextTick()).isEqualTo(Duration.ofSeconds(1));
    }
}

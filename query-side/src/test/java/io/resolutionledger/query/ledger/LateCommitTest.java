package io.resolutionledger.query.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gap in the global index, as concurrent appends leave them: an append that commits after later ones takes its
 * place in the log (the log waits while its transaction runs), and a rolled-back one does not hold the log up for the
 * whole gap grace (its transaction has ended, which PostgreSQL's snapshots tell). The tests' gap grace is the
 * production default (60 s), far longer than either case takes.
 */
class LateCommitTest extends QuerySideTest {

    private long globalIndexOf(String aggregate) {
        return jdbc.queryForObject("SELECT min(global_index) FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, aggregate);
    }

    private Long leafOf(long globalIndex) {
        List<Long> found = jdbc.queryForList("SELECT log_index FROM ledger_read.log_leaf WHERE global_index = ?",
                Long.class, globalIndex);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void an_append_that_commits_after_later_ones_is_waited_for_and_becomes_the_leaf_at_its_place() throws Exception {
        String late = unique("dmk-late");
        String later = unique("dmk-later");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = heldAppend(late, appended, release, false);
        assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
        LedgerEvents after = ledger();
        after.schedule(later, 4, LocalDate.parse("2025-06-12"), "Hamburg", "DE-RP").append();
        long laterIndex = globalIndexOf(later);
        // the appender looks every 50 ms and bounds a missing number's transaction after 1 s: in 3 s it has had
        // dozens of chances to pass the number, and must not, since its transaction still runs
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(leafOf(laterIndex)).as("the log does not pass a number whose transaction still runs").isNull();

        release.countDown();
        held.get(20, TimeUnit.SECONDS);
        long lateIndex = globalIndexOf(late);
        assertThat(lateIndex).isLessThan(laterIndex);
        await().atMost(Duration.ofSeconds(30)).until(() -> leafOf(laterIndex) != null);
        assertThat(leafOf(lateIndex)).as("the late event is a leaf, before the later one").isNotNull()
                .isLessThan(leafOf(laterIndex));
        awaitLogged();
        JsonNode verification = http().get("/api/audit/verify", Tokens.auditor()).body();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void a_rolled_back_append_holds_the_log_up_for_about_a_second_not_for_the_grace() throws Exception {
        String rolledBack = unique("dmk-never");
        String next = unique("dmk-next");
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = heldAppend(rolledBack, appended, release, true);
        assertThat(appended.await(20, TimeUnit.SECONDS)).isTrue();
        ledger().schedule(next, 5, LocalDate.parse("2025-10-30"), "Hamburg", "DE-RP").append();
        release.countDown();
        held.get(20, TimeUnit.SECONDS);
        long nextIndex = globalIndexOf(next);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, rolledBack)).isZero();
        // the gap grace is 60 s: a leaf within 30 s is the snapshot check's doing, not the grace's
        await().atMost(Duration.ofSeconds(30)).until(() -> leafOf(nextIndex) != null);
        JsonNode verification = http().get("/api/audit/verify", Tokens.auditor()).body();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();
    }
}

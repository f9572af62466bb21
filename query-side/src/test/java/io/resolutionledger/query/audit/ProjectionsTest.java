package io.resolutionledger.query.audit;

import io.resolutionledger.api.event.CoSponsorJoined;
import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.event.VoteCast;
import io.resolutionledger.api.value.*;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.ReadModelGenerations;
import io.resolutionledger.query.resolutions.ResolutionProjection;
import io.resolutionledger.query.sessions.SessionProjection;
import io.resolutionledger.query.stats.StatsProjection;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The projections' rows on a real PostgreSQL: fed through the real processors from the event store, and handlers
 * called a second time with the same events change nothing.
 */
class ProjectionsTest extends QuerySideTest {

    @Autowired
    ReadModelGenerations generations;
    @Autowired
    NamedParameterJdbcTemplate named;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void the_audit_log_keeps_every_event_in_global_order_with_its_context() {
        String session = unique("s");
        String id = unique("r");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 7, LocalDate.parse("2024-10-24"), "Berlin", "DE-BE")
                .propose(id, session, "Green IT", "Text.", List.of("green-it"), "DE-BY", "DE-HE")
                .resolution(new CoSponsorJoined(ResolutionId.of(id), code("DE-SN"), ledger.tick()))
                .append();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                count("SELECT count(*) FROM ledger_read.audit_event WHERE aggregate_id IN (?, ?)", session, id) == 3);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT global_index, event_type, aggregate_type, aggregate_id, sequence_number, actor, user_sub,
                    correlation_id, payload ->> 'title' AS title
                FROM ledger_read.audit_event WHERE aggregate_id IN (?, ?) ORDER BY global_index
                """, session, id);
        assertThat(rows).extracting(r -> r.get("event_type"))
                .containsExactly("SessionScheduled", "ResolutionProposed", "CoSponsorJoined");
        assertThat((Long) rows.get(1).get("global_index")).isGreaterThan((Long) rows.get(0).get("global_index"));
        assertThat(rows.get(1).get("aggregate_type")).isEqualTo("Resolution");
        assertThat(rows.get(1).get("sequence_number")).isEqualTo(0L);
        assertThat(rows.get(2).get("sequence_number")).isEqualTo(1L);
        assertThat(rows.get(2).get("actor")).isEqualTo("DE-SN");
        assertThat(rows.get(2).get("user_sub")).isEqualTo("user-de-sn");
        assertThat(rows.get(2).get("correlation_id")).isEqualTo("corr-" + id + "-1");
        assertThat(rows.get(1).get("title")).isEqualTo("Green IT");
    }

    @Test
    void handling_the_same_events_again_changes_no_row() {
        String session = unique("s");
        String id = unique("r");
        Instant at = Instant.parse("2024-04-19T10:00:00Z");
        ResolutionProposed proposed = new ResolutionProposed(ResolutionId.of(id), DMK, SessionId.of(session),
                "Labour standards in broadband build-out", "Text.", List.of("broadband"), code("DE-TH"), List.of(),
                code("DE-TH"), at);
        CoSponsorJoined joined = new CoSponsorJoined(ResolutionId.of(id), code("DE-ST"), at.plusSeconds(60));
        VoteCast vote = new VoteCast(ResolutionId.of(id), 1, VoteChoice.YES, code("DE-ST"), at.plusSeconds(120));

        // the live generation's projections, called directly (the views show that generation)
        Generation live = generations.active();
        ResolutionProjection resolutions = new ResolutionProjection(named, live);
        SessionProjection sessions = new SessionProjection(named, live);
        StatsProjection stats = new StatsProjection(named, live);
        // in one transaction rolled back at the end: these events are not in the store, and rows of the live model
        // that no event explains would (rightly) make the next rebuild's comparison differ
        transaction.executeWithoutResult(tx -> {
            for (int round = 0; round < 2; round++) {
                resolutions.on(proposed, 0);
                resolutions.on(joined, 1);
                resolutions.on(vote, 2);
                sessions.on(proposed, 0);
                sessions.on(vote, 2);
                stats.on(proposed, 0);
                stats.on(joined, 1);
            }

            Map<String, Object> row = jdbc.queryForMap(
                    "SELECT co_sponsors::text AS co, tally_yes, last_sequence FROM ledger_read.resolution "
                            + "WHERE resolution_id = ?", id);
            assertThat(row.get("co")).isEqualTo("{DE-ST}");
            assertThat(row.get("last_sequence")).isEqualTo(2L);
            assertThat(count("SELECT count(*) FROM ledger_read.resolution_vote WHERE resolution_id = ?", id))
                    .isEqualTo(1);
            assertThat(count("SELECT count(*) FROM ledger_read.resolution_version WHERE resolution_id = ?", id))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT tally_yes FROM ledger_read.session_agenda_item "
                    + "WHERE resolution_id = ?", Integer.class, id)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT co_sponsors::text FROM ledger_read.stats_resolution "
                    + "WHERE resolution_id = ?", String.class, id)).isEqualTo("{DE-ST}");
            tx.setRollbackOnly();
        });
        assertThat(count("SELECT count(*) FROM ledger_read.resolution WHERE resolution_id = ?", id)).isZero();
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}

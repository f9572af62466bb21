package io.resolutionledger.query.config;

import io.resolutionledger.api.event.ResolutionWithdrawn;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding a projection from zero (reset its tokens, replay the whole store) yields exactly the rows it had. */
class RebuildTest extends QuerySideTest {

    private static final Map<String, List<String>> TABLES = Map.of(
            Projections.RESOLUTIONS, List.of("resolution", "resolution_version", "tabled_amendment", "resolution_vote"),
            Projections.SESSIONS, List.of("session", "session_agenda_item"),
            Projections.CHAIR, List.of("conference", "chair_handover"),
            Projections.AUDIT, List.of("audit_event"),
            Projections.STATS, List.of("stats_resolution"));

    @Test
    void every_projection_rebuilt_from_the_event_store_has_the_same_rows() {
        String session = unique("s");
        String first = unique("r");
        String second = unique("r");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 3, LocalDate.parse("2025-05-08"), "Mainz", "DE-RP")
                .open(session, "DE-RP")
                .published(first, session, "Cloud strategy", List.of("cloud"), "DE-RP", "DE-RP")
                .propose(second, session, "Open data", "Text.", List.of("data"), "DE-HB", "DE-SL")
                .amend(second, 2, "Text, amended.", "DE-HB")
                .resolution(new ResolutionWithdrawn(ResolutionId.of(second), "merged", code("DE-HB"), ledger.tick()))
                .append();
        awaitProjectionsCaughtUp();
        Map<String, String> before = checksums();

        for (String name : Projections.ALL) {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }

        // the reset is asynchronous: poll until the replayed rows match (the message shows any difference)
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(checksums()).isEqualTo(before));
        awaitProjectionsCaughtUp();
        assertThat(checksums()).isEqualTo(before);
    }

    /** An md5 over every row of each table of each projection, in a fixed order. */
    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        TABLES.forEach((projection, tables) -> tables.forEach(table -> sums.put(projection + "." + table,
                jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                        + "FROM ledger_read." + table + " t", String.class))));
        return sums;
    }
}

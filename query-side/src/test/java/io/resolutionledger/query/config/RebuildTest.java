package io.resolutionledger.query.config;

import io.resolutionledger.api.event.ResolutionWithdrawn;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.query.admin.ProjectionAdmin;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.SwitchHold;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding from zero yields exactly the rows the live model had: the read models beside the live generation (the
 * other generation replays the whole store, then readers are switched to it), the audit table in place.
 */
class RebuildTest extends QuerySideTest {

    /** Every table of the read-models group, as readers see it (the views of the live generation). */
    private static final List<String> READ_MODEL_TABLES = List.of("resolution", "resolution_version",
            "tabled_amendment", "resolution_vote", "resolution_translation", "session", "session_agenda_item",
            "conference", "chair_handover", "stats_resolution", "stats_transition", "mandate", "mandate_report");

    @Autowired
    ProjectionAdmin admin;

    @Test
    void every_projection_rebuilt_from_the_event_store_has_the_same_rows() throws Exception {
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
        Generation live = generations.refresh().active();

        // the switch held back while the test looks: a rebuild of a few events otherwise switches at once
        try (SwitchHold held = new SwitchHold(jdbc.getDataSource())) {
            assertThat(admin.rebuild(Projections.READ_MODELS).rebuild().state()).isEqualTo("REBUILDING");
            assertThat(admin.rebuild(Projections.AUDIT).rebuild().state()).isIn("REBUILDING", "DONE");
            // readers see the old generation of the read models, whole, until the switch (the audit table, the
            // log, is rebuilt in place)
            assertThat(generations.refresh().active()).isEqualTo(live);
            Map<String, String> during = checksums();
            during.remove("audit_event");
            assertThat(before).containsAllEntriesOf(during);
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(admin.get(Projections.READ_MODELS).rebuild().state()).isEqualTo("DONE");
            assertThat(admin.get(Projections.AUDIT).rebuild().state()).isEqualTo("DONE");
        });
        assertThat(generations.refresh().active()).isEqualTo(live.other());
        ProjectionAdmin.RebuildView done = admin.get(Projections.READ_MODELS).rebuild();
        assertThat(done.match()).as(done.toString()).isTrue();
        awaitProjectionsCaughtUp();
        assertThat(checksums()).isEqualTo(before);
    }

    /** An md5 over every row of each table, in a fixed order. */
    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String table : READ_MODEL_TABLES) {
            sums.put(table, checksum(table));
        }
        sums.put("audit_event", checksum("audit_event"));
        return sums;
    }

    private String checksum(String table) {
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), "
                + "'') FROM ledger_read." + table + " t", String.class);
    }
}

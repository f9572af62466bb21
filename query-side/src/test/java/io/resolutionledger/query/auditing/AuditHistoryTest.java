package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** History of one resolution and the global log, read from the event store; the access log of their use. */
class AuditHistoryTest extends QuerySideTest {

    @Test
    void a_resolutions_history_lists_every_event_in_order_with_actor_time_ids_and_command() {
        String session = unique("s");
        String id = unique("r");
        ledger().schedule(session, 4, LocalDate.parse("2025-05-08"), "Mainz", "DE-RP").open(session, "DE-RP")
                .propose(id, session, "Cloud", "Text.", List.of("cloud"), "DE-BY")
                .amend(id, 2, "Text, amended.", "DE-BY")
                .openVote(id, session, 2, "DE-RP")
                .append();

        Http.Response r = http().get("/api/resolutions/" + id + "/history", Tokens.auditor());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode events = r.body().get("events");
        assertThat(events).hasSize(3);
        assertThat(types(events)).containsExactly("ResolutionProposed", "ResolutionAmended", "VoteOpened");
        JsonNode amended = events.get(1);
        assertThat(amended.get("sequence").asLong()).isEqualTo(1);
        assertThat(amended.get("aggregateId").asText()).isEqualTo(id);
        assertThat(amended.get("actor").asText()).isEqualTo("DE-BY");
        assertThat(amended.get("user").asText()).isEqualTo("user-de-by");
        assertThat(amended.get("correlationId").asText()).isEqualTo("corr-" + id + "-1");
        assertThat(amended.get("causationId").asText()).isEqualTo("cmd-" + id + "-1");
        assertThat(amended.get("command").asText()).isEqualTo("test.ResolutionAmendedCommand");
        assertThat(amended.get("occurredAt").asText()).isNotBlank();
        assertThat(amended.at("/payload/text").asText()).isEqualTo("Text, amended.");
        assertThat(events.get(0).get("globalIndex").asLong()).isLessThan(amended.get("globalIndex").asLong());

        assertThat(http().get("/api/resolutions/" + unique("r") + "/history", Tokens.auditor()).body()
                .get("code").asText()).isEqualTo("RESOLUTION_NOT_FOUND");
        assertThat(http().get("/api/resolutions/" + id + "/history", Tokens.delegate("DE-BY")).status())
                .isEqualTo(403);
        assertThat(http().get("/api/resolutions/" + id + "/history").status()).isEqualTo(401);
    }

    @Test
    void the_global_log_pages_with_a_cursor_and_refuses_out_of_range_parameters() {
        String session = unique("s");
        ledger().schedule(session, 5, LocalDate.parse("2025-06-01"), "Bonn", "DE-RP").append();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM ledger_write.domain_event_entry", Long.class);
        long start = Math.max(0, head - 5);

        List<Long> seen = new ArrayList<>();
        long cursor = start;
        boolean more = true;
        while (more) {
            Http.Response page = http().get("/api/audit/events?after=" + cursor + "&limit=2", Tokens.auditor());
            assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
            page.body().get("items").forEach(item -> seen.add(item.get("globalIndex").asLong()));
            assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
            cursor = page.body().get("next").asLong();
            more = page.body().get("more").asBoolean();
        }
        assertThat(seen).isSorted().doesNotHaveDuplicates().contains(head).allMatch(i -> i > start);
        assertThat(seen).hasSize((int) (head - start)); // no gaps in this store: every index once

        assertThat(http().get("/api/audit/events", Tokens.auditor()).body().get("limit").asInt()).isEqualTo(100);
        for (String bad : List.of("limit=1001", "limit=0", "after=-1", "limit=x")) {
            Http.Response r = http().get("/api/audit/events?" + bad, Tokens.auditor());
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.body().get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void every_use_of_the_toolkit_is_written_to_the_access_log() {
        String marker = unique("probe");
        http().get("/api/audit/events?limit=1&probe=" + marker, Tokens.auditor());
        http().get("/api/audit/events?limit=1&probe=" + marker, Tokens.delegate("DE-HB"));
        http().get("/api/audit/events?limit=1&probe=" + marker);
        http().get("/api/resolutions/" + marker + "/history", Tokens.auditor());
        http().get("/api/resolutions/" + marker + "?asOf=2024-04-19T12:00:00Z", Tokens.delegate("DE-HB"));
        http().get("/api/admin/projections?probe=" + marker, Tokens.admin());

        String logged = """
                SELECT user_subject, delegation, array_to_string(roles, ',') AS roles, method, path, query, status
                FROM ledger_read.audit_access_log WHERE query LIKE ? OR path LIKE ? ORDER BY id
                """;
        // an entry is written once its answer has gone out: the client may read the answer first
        await().atMost(Duration.ofSeconds(5)).until(() ->
                jdbc.queryForList(logged, "%" + marker + "%", "%" + marker + "%").size() >= 6);
        List<Map<String, Object>> rows = jdbc.queryForList(logged, "%" + marker + "%", "%" + marker + "%");
        assertThat(rows).extracting(row -> row.get("status")).containsExactly(200, 403, 401, 404, 404, 200);
        assertThat(rows.get(0)).containsEntry("user_subject", "auditor-1").containsEntry("roles", "auditor")
                .containsEntry("method", "GET").containsEntry("path", "/api/audit/events")
                .containsEntry("query", "limit=1&probe=" + marker);
        assertThat(rows.get(1)).containsEntry("user_subject", "user-de-hb").containsEntry("delegation", "DE-HB");
        assertThat(rows.get(2)).containsEntry("user_subject", null);
        assertThat(rows.get(4).get("query").toString()).startsWith("asOf=");
        assertThat(rows.get(5)).containsEntry("user_subject", "admin-1").containsEntry("roles", "admin");
        // ordinary reads are not logged
        http().get("/api/resolutions/" + marker, Tokens.delegate("DE-HB"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_read.audit_access_log WHERE path LIKE ?",
                Long.class, "%" + marker + "%")).isEqualTo(2);
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(e.get("type").asText()));
        return types;
    }
}

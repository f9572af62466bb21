package io.resolutionledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rebuilding every projection over HTTP, on a few thousand events, gives back exactly the rows it had. */
class ProjectionRebuildHttpTest extends QuerySideTest {

    private static final Map<String, List<String>> TABLES = Map.of(
            Projections.RESOLUTIONS, List.of("resolution", "resolution_version", "tabled_amendment", "resolution_vote"),
            Projections.SESSIONS, List.of("session", "session_agenda_item"),
            Projections.CHAIR, List.of("conference", "chair_handover"),
            Projections.AUDIT, List.of("audit_event"),
            Projections.STATS, List.of("stats_resolution"));

    @Test
    void every_projection_rebuilt_over_http_has_the_same_rows_and_says_so_while_rebuilding() {
        String session = unique("s");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 9, LocalDate.parse("2032-04-19"), "Erfurt", "DE-TH").open(session, "DE-TH").append();
        long began = System.nanoTime();
        for (int batch = 0; batch < 4; batch++) {     // 4 x 25 x 20 = 2,000 events, appended 500 at a time
            for (int i = 0; i < 25; i++) {
                String id = unique("r");
                ledger.published(id, session, "Rebuild " + batch + "/" + i, List.of("t" + (i % 4)), "DE-TH", "DE-TH");
            }
            ledger.append();
        }
        awaitCaughtUp();
        Map<String, String> before = checksums();
        long caughtUp = System.nanoTime();

        Http.Response started = rebuild(Projections.RESOLUTIONS);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        // the resolutions share their processing group with the sessions, the chair and the figures
        assertThat(started.header("Location")).endsWith("/api/admin/projections/" + Projections.READ_MODELS);
        assertThat(started.body().at("/rebuild/state").asText()).isIn("REBUILDING", "DONE");
        Instant asked = Instant.now();
        Http.Response during = http().get("/api/resolutions?size=1", Tokens.delegate("DE-TH"));
        JsonNode resolutions = projection(Projections.RESOLUTIONS);
        boolean doneBeforeAsked = resolutions.at("/rebuild/doneAt").isTextual()
                && Instant.parse(resolutions.at("/rebuild/doneAt").asText()).isBefore(asked);
        if (!doneBeforeAsked) {
            assertThat(during.header(RebuildingHeaderInterceptor.HEADER)).isEqualTo(Projections.READ_MODELS);
        }
        // a second rebuild while one runs is refused; one from the event store is not marked
        assertThat(http().get("/api/chair?on=2032-04-19").header(RebuildingHeaderInterceptor.HEADER)).isNull();

        for (String name : List.of(Projections.AUDIT)) {
            assertThat(rebuild(name).status()).as(name).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode all = http().get("/api/admin/projections", Tokens.admin()).body().get("items");
            assertThat(all).hasSize(3);
            all.forEach(p -> assertThat(p.at("/rebuild/state").asText()).as(p.toString()).isEqualTo("DONE"));
        });
        assertThat(checksums()).isEqualTo(before);
        System.out.printf("rebuild test: %d events, first catch-up %d ms, rebuild of all three groups %d ms%n",
                jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class),
                (caughtUp - began) / 1_000_000, (System.nanoTime() - caughtUp) / 1_000_000);
        JsonNode after = projection(Projections.RESOLUTIONS);
        assertThat(after.get("lag").asLong()).isZero();
        assertThat(after.at("/rebuild/progress").asDouble()).isEqualTo(1.0);
        assertThat(http().get("/api/resolutions?size=1", Tokens.delegate("DE-TH"))
                .header(RebuildingHeaderInterceptor.HEADER)).isNull();
    }

    @Test
    void only_admins_rebuild_and_only_known_projections() {
        assertThat(rebuild("nonsense").status()).isEqualTo(404);
        assertThat(rebuild("nonsense").body().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(post("/api/admin/projections/stats/rebuild", Tokens.auditor()).status()).isEqualTo(403);
        assertThat(post("/api/admin/projections/stats/rebuild", Tokens.delegate("DE-BY")).status()).isEqualTo(403);
        assertThat(post("/api/admin/projections/stats/rebuild", null).status()).isEqualTo(401);
        assertThat(http().get("/api/admin/projections", Tokens.auditor()).status()).isEqualTo(403);
    }

    private JsonNode projection(String name) {
        Http.Response r = http().get("/api/admin/projections/" + name, Tokens.admin());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body();
    }

    private Http.Response rebuild(String name) {
        return post("/api/admin/projections/" + name + "/rebuild", Tokens.admin());
    }

    private Http.Response post(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http().send(request.build());
    }

    /** Every projection (the chain included) has reached the head; generous: the CI machine may be shared. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                http().get("/api/admin/projections", Tokens.admin()).body().get("items").forEach(p ->
                        assertThat(p.get("lag").asLong()).as(p.toString()).isZero()));
    }

    /** An md5 over every row of each table of each projection, in a fixed order (as RebuildTest). */
    private Map<String, String> checksums() {
        Map<String, String> sums = new LinkedHashMap<>();
        TABLES.forEach((projection, tables) -> tables.forEach(table -> sums.put(projection + "." + table,
                jdbc.queryForObject("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') "
                        + "FROM ledger_read." + table + " t", String.class))));
        return sums;
    }
}

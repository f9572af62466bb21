package io.resolutionledger.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.query.config.Generation;
import io.resolutionledger.query.config.Projections;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.SwitchHold;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding over HTTP, on a few thousand events: the new model is built beside the live one while readers keep
 * reading, the switch comes once both stand at the same position, and the answer proves it table by table.
 */
class ProjectionRebuildHttpTest extends QuerySideTest {

    @Test
    void a_rebuild_never_shows_a_reader_fewer_resolutions_and_proves_old_and_new_model_equal() throws Exception {
        String session = unique("s");
        LedgerEvents ledger = ledger();
        ledger.schedule(session, 9, LocalDate.parse("2032-04-19"), "Erfurt", "DE-TH").open(session, "DE-TH").append();
        for (int batch = 0; batch < 4; batch++) {     // 4 x 25 x 20 = 2,000 events, appended 500 at a time
            for (int i = 0; i < 25; i++) {
                ledger.published(unique("r"), session, "Rebuild " + batch + "/" + i, List.of("t" + (i % 4)), "DE-TH",
                        "DE-TH");
            }
            ledger.append();
        }
        awaitCaughtUp();
        awaitProjectionsCaughtUp();
        String live = projection(Projections.READ_MODELS).get("generation").asText();
        long before = total();

        // a reader that keeps counting the resolutions while the rebuild runs: never fewer, never an error
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            long seen = before;
            while (reading.get()) {
                Http.Response r = http().get("/api/resolutions?size=1", Tokens.delegate("DE-TH"));
                if (r.status() != 200) {
                    violations.add("answered " + r.status() + ": " + r.raw().body());
                    continue;
                }
                long total = r.body().get("total").asLong();
                if (total < seen) {
                    violations.add("saw " + total + " resolutions after " + seen);
                }
                seen = Math.max(seen, total);
                reads.incrementAndGet();
            }
        });

        Http.Response started = rebuild(Projections.RESOLUTIONS);
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        // the resolutions share their processing group with the sessions, the chair and the figures
        assertThat(started.header("Location")).endsWith("/api/admin/projections/" + Projections.READ_MODELS);
        assertThat(started.body().at("/rebuild/state").asText()).isEqualTo("REBUILDING");
        String rebuilt = started.body().at("/rebuild/generation").asText();
        assertThat(rebuilt).isEqualTo(Generation.of(live).other().suffix());
        // readers are still served by the live generation, which keeps taking new events meanwhile
        assertThat(started.body().get("generation").asText()).isEqualTo(live);
        for (int i = 0; i < 3; i++) {
            ledger.published(unique("r"), session, "During the rebuild " + i, List.of("t"), "DE-TH", "DE-TH").append();
        }

        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> projection(Projections.READ_MODELS), p -> p.at("/rebuild/state").asText().equals("DONE"));
        reading.set(false);
        reader.get();
        assertThat(violations).isEmpty();
        assertThat(reads.get()).isPositive();

        assertThat(done.get("generation").asText()).isEqualTo(rebuilt);
        assertThat(done.at("/rebuild/progress").asDouble()).isEqualTo(1.0);
        assertThat(done.at("/rebuild/match").asBoolean()).as(done.toString()).isTrue();
        JsonNode tables = done.at("/rebuild/tables");
        assertThat(tables).hasSize(ReadModelTables.ALL.size());
        for (JsonNode table : tables) {
            assertThat(table.get("match").asBoolean()).as(table.toString()).isTrue();
            assertThat(table.at("/old/checksum").asText()).isNotBlank().isEqualTo(table.at("/new/checksum").asText());
            assertThat(table.at("/old/rows").asLong()).isEqualTo(table.at("/new/rows").asLong());
        }
        JsonNode resolutions = tables.get(0);
        assertThat(resolutions.get("table").asText()).isEqualTo("resolution");
        assertThat(resolutions.at("/new/rows").asLong()).isGreaterThanOrEqualTo(before + 3);
        // the figures it reports are the database's: the new generation as the views show it now
        awaitProjectionsCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_read.resolution_" + rebuilt, Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM ledger_read.resolution", Long.class));
        System.out.printf("rebuild test: %d events, %d reads during the rebuild%n",
                jdbc.queryForObject("SELECT count(*) FROM ledger_write.domain_event_entry", Long.class), reads.get());

        // the audit table is the log, rebuilt in place
        assertThat(rebuild(Projections.AUDIT).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(projection(Projections.AUDIT).at("/rebuild/state").asText()).isEqualTo("DONE"));
        awaitCaughtUp();
    }

    @Test
    void a_rebuild_asked_twice_at_once_runs_once_and_the_second_is_refused_with_a_problem() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Http.Response>> asked = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            asked.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return rebuild(Projections.READ_MODELS);
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        Http.Response refused = null;
        // the switch held back until both have answered: the second must meet the first running, not finished
        try (SwitchHold held = new SwitchHold(jdbc.getDataSource())) {
            go.countDown();
            for (CompletableFuture<Http.Response> answer : asked) {
                Http.Response r = answer.get();
                statuses.add(r.status());
                if (r.status() == 409) {
                    refused = r;
                }
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo("INVALID_STATE_TRANSITION");
        assertThat(refused.body().get("detail").asText()).contains("being rebuilt already");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(projection(Projections.READ_MODELS).at("/rebuild/state").asText()).isEqualTo("DONE"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_read.rebuild WHERE state = 'REBUILDING'",
                Long.class)).isZero();
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

    private long total() {
        Http.Response r = http().get("/api/resolutions?size=1", Tokens.delegate("DE-TH"));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.body().get("total").asLong();
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

    /** Every projection has reached the head; generous: the CI machine may be shared. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                http().get("/api/admin/projections", Tokens.admin()).body().get("items").forEach(p ->
                        assertThat(p.get("lag").asLong()).as(p.toString()).isZero()));
    }
}

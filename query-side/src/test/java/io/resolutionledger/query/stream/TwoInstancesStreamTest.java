package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.ResolutionProposed;
import io.resolutionledger.api.json.LedgerJson;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.query.QuerySideApplication;
import io.resolutionledger.query.eventstore.StoreNotifications;
import io.resolutionledger.query.support.LedgerEvents;
import io.resolutionledger.query.support.QuerySideTest;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.resolutionledger.query.support.LedgerEvents.DMK;
import static io.resolutionledger.query.support.LedgerEvents.code;
import static io.resolutionledger.query.support.LedgerEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two query-side instances on one database, the projections' segments shared between them: each instance's stream
 * tells of every change exactly once, whichever instance projected it, including an event whose transaction took
 * its position first and committed last (a late commit below the head).
 */
class TwoInstancesStreamTest extends QuerySideTest {

    private ConfigurableApplicationContext second;

    @AfterEach
    void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void both_instances_stream_every_change_exactly_once_also_a_late_commit() throws Exception {
        second = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--server.shutdown=immediate",
                "--spring.datasource.url=" + DATABASE.url(),
                "--spring.datasource.username=" + DATABASE.user(),
                "--spring.datasource.password=" + DATABASE.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=resolution-ledger-dev",
                // the dev key is trusted only on loopback; both test clients come from 127.0.0.1
                "--server.address=127.0.0.1", "--ledger.stream.limits.per-address=1000",
                // one log, one signing key, whichever instance appends
                "--ledger.log.signing-key=" + SIGNING_KEY, "--ledger.log.origin=ledger.test/dmk",
                "--ledger.log.gap-grace=60s", "--ledger.log.checkpoint-interval=1h",
                "--ledger.projections.poll-interval=1s", "--ledger.projections.token-claim-interval=500ms",
                "--axon.axonserver.enabled=false");
        int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
        Lines first = new Lines(port);
        Lines other = new Lines(secondPort);

        String session = unique("s");
        String late = unique("r");
        List<String> ids = new ArrayList<>();
        try (Connection held = DriverManager.getConnection(DATABASE.url(), DATABASE.user(), DATABASE.password())) {
            held.setAutoCommit(false);
            // takes its global index now, commits after the events below
            insertProposal(held, late, session);
            LedgerEvents ledger = ledger();
            ledger.schedule(session, 4, java.time.LocalDate.parse("2026-03-03"), "Bonn", "DE-NW").append();
            for (int i = 0; i < 6; i++) {
                String id = unique("r");
                ids.add(id);
                ledger.propose(id, session, "Two instances " + i, "Text.", List.of("t"), "DE-NW").append();
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id ->
                    first.count("ResolutionProposed", id) == 1 && other.count("ResolutionProposed", id) == 1));
            held.commit();
        }
        jdbc.execute("SELECT pg_notify('" + StoreNotifications.CHANNEL + "', '')");
        ids.add(late);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                first.count("ResolutionProposed", late) == 1 && other.count("ResolutionProposed", late) == 1);
        for (Lines stream : List.of(first, other)) {
            for (String id : ids) {
                assertThat(stream.count("ResolutionProposed", id)).as(id).isEqualTo(1);
            }
            assertThat(stream.count("SessionScheduled", session)).isEqualTo(1);
        }
        first.close();
        other.close();
    }

    private static void insertProposal(Connection connection, String id, String session) throws Exception {
        ResolutionProposed proposed = new ResolutionProposed(ResolutionId.of(id), DMK, SessionId.of(session),
                "Committed late", "Text.", List.of("late"), code("DE-NW"), List.of(), code("DE-NW"),
                Instant.parse("2026-03-03T09:00:00Z"));
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO ledger_write.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Resolution', ?, ?, '1', ?, ?)
                """)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, id);
            insert.setString(3, Instant.now().toString());
            insert.setString(4, ResolutionProposed.class.getName());
            insert.setBytes(5, LedgerJson.messageMapper().writeValueAsBytes(proposed));
            insert.setBytes(6, "{}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
        }
    }

    /** The data lines of one member's stream. */
    private static final class Lines implements AutoCloseable {
        private final List<String> data = new CopyOnWriteArrayList<>();
        private final java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;

        Lines(int port) {
            response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/stream"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", "Bearer " + Tokens.delegate("DE-NW")).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                try {
                    r.body().filter(line -> line.startsWith("data:")).forEach(data::add);
                } catch (RuntimeException closed) {
                    // closed by the test
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(response::isDone);
        }

        /** How many changes of this kind of event about this id arrived (resolution changes only for resolutions). */
        long count(String event, String id) {
            String kind = event.startsWith("Session") ? "\"kind\":\"session\"" : "\"kind\":\"resolution\"";
            return data.stream().filter(d -> d.contains(kind) && d.contains("\"event\":\"" + event + "\"")
                    && d.contains("\"id\":\"" + id + "\"")).count();
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }
}

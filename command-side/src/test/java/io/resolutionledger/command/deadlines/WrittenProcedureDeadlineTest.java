package io.resolutionledger.command.deadlines;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.support.TestTokens;
import io.resolutionledger.command.web.CommandHttpTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A written procedure is decided at its deadline with no one present: by the ledger's durable deadline (Quartz's
 * clustered JDBC job store), after the instance that set it stopped and while no instance was running, and exactly
 * once while two instances share the database. The instances of the first two tests are peers started here, one
 * cluster of their own ({@link #PEER_SCHEDULER}); the test context's scheduler is another. Deadlines are a few seconds
 * ahead; the test polls with a deadline, it never sleeps.
 */
class WrittenProcedureDeadlineTest extends CommandHttpTestSupport {

    @Autowired
    Environment environment;

    /** The scheduler of this test context (application.yml's spring.quartz.scheduler-name). */
    private static final String MAIN_SCHEDULER = "ledger-deadlines";

    private final List<ConfigurableApplicationContext> others = new ArrayList<>();

    @AfterEach
    void stopTheOthers() {
        // the last started first: it registered the peers' job store connections last
        for (int i = others.size() - 1; i >= 0; i--) {
            others.get(i).close();
        }
        others.clear();
    }

    private int start() {
        ConfigurableApplicationContext other = anotherInstance(environment);
        others.add(other);
        return Integer.parseInt(other.getEnvironment().getProperty("local.server.port"));
    }

    private Response on(int instance, String path, String token, String body) {
        int mine = port;
        port = instance;
        try {
            return post(path, token, body);
        } finally {
            port = mine;
        }
    }

    private Instant openInWriting(int instance, String resolution, Duration ahead) {
        Instant deadline = Instant.now().plus(ahead).truncatedTo(ChronoUnit.SECONDS);
        Response opened = on(instance, "/api/resolutions/" + resolution + "/written-procedure",
                TestTokens.delegate(CHAIR), json(Map.of("deadline", deadline.toString(), "rule", "simple-majority")));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(opened.json().get("deadline").asText()).isEqualTo(deadline.toString());
        assertThat(opened.json().get("rule").get("name").asText()).isEqualTo("simple-majority");
        return deadline;
    }

    /** Seven YES, three NO: a simple majority at the deadline, but six outstanding members could still tip it. */
    private void sevenToThree(String resolution) {
        for (int i = 0; i < 10; i++) {
            vote(resolution, MEMBERS.get(i), i < 7 ? "YES" : "NO");
        }
    }

    private List<JsonNode> outcomes(String resolution) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM ledger_write.domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND (payload_type LIKE '%.ResolutionAdopted'"
                        + " OR payload_type LIKE '%.ResolutionRejected') ORDER BY sequence_number", String.class,
                resolution).stream().map(json -> {
                    try {
                        return JSON.readTree(json);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }

    private long pendingDeadlines(String scheduler) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM ledger_write.qrtz_triggers WHERE sched_name = ?",
                Long.class, scheduler);
        return n == null ? 0 : n;
    }

    @Test
    void aDeadlineSetByAnInstanceThatStoppedIsDecidedWhenAnInstanceStartsAgain() throws Exception {
        String resolution = propose(session(false));
        int first = start();
        Instant deadline = openInWriting(first, resolution, Duration.ofSeconds(5));
        sevenToThree(resolution);
        assertThat(pendingDeadlines(PEER_SCHEDULER)).as("the deadline is stored, not held by the instance")
                .isPositive();
        others.remove(0).close(); // from here on no peer runs: nobody to decide

        await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(deadline.plusSeconds(1)));
        assertThat(outcomes(resolution)).as("nobody ran while the deadline passed").isEmpty();
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate(MEMBERS.get(12)),
                json(Map.of("choice", "NO"))), 409, "DEADLINE_PASSED");

        start(); // a restart: the missed deadline fires on the instance that comes up
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !outcomes(resolution).isEmpty());
        List<JsonNode> outcomes = outcomes(resolution);
        assertThat(outcomes).hasSize(1);
        JsonNode adopted = outcomes.get(0);
        assertThat(adopted.get("decidedBy").asText()).isEqualTo("DEADLINE");
        assertThat(adopted.get("occurredAt").asText()).as("decided as of its deadline").isEqualTo(deadline.toString());
        assertThat(adopted.get("tally").get("yes").asInt()).isEqualTo(7);
        assertThat(adopted.path("actor").isNull() || adopted.path("actor").isMissingNode()).isTrue();
    }

    @Test
    void withTwoInstancesRunningADeadlineIsDecidedOnce() {
        int one = start();
        int other = start();
        List<String> resolutions = new ArrayList<>();
        Instant last = Instant.EPOCH;
        // set on either instance, each fired by whichever instance acquires it first
        for (int i = 0; i < 4; i++) {
            String resolution = propose(session(false));
            last = openInWriting(i % 2 == 0 ? other : one, resolution, Duration.ofSeconds(3));
            sevenToThree(resolution);
            resolutions.add(resolution);
        }
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> resolutions.stream().noneMatch(r -> outcomes(r).isEmpty()));
        Instant decided = last;
        // a second firing would have had time to append by the time the store has no deadline left
        await().atMost(Duration.ofSeconds(20)).until(() -> pendingDeadlines(PEER_SCHEDULER) == 0
                && Instant.now().isAfter(decided.plusSeconds(2)));
        for (String resolution : resolutions) {
            assertThat(outcomes(resolution)).as(resolution).hasSize(1)
                    .allSatisfy(o -> assertThat(o.get("decidedBy").asText()).isEqualTo("DEADLINE"));
        }
    }

    @Test
    void aWrittenProcedureDecidedEarlyLeavesNoDeadlineBehind() {
        String resolution = propose(session(false));
        long before = pendingDeadlines(MAIN_SCHEDULER);
        Response opened = post("/api/resolutions/" + resolution + "/written-procedure", TestTokens.delegate(CHAIR),
                json(Map.of("deadline", Instant.now().plus(Duration.ofDays(14)).toString())));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        assertThat(pendingDeadlines(MAIN_SCHEDULER)).isEqualTo(before + 1);
        for (int i = 0; i < 13; i++) {
            vote(resolution, MEMBERS.get(i), "YES");
        }
        assertThat(outcomes(resolution)).singleElement()
                .satisfies(o -> assertThat(o.get("decidedBy").asText()).isEqualTo("EARLY_CONCLUSION"));
        assertThat(pendingDeadlines(MAIN_SCHEDULER)).isEqualTo(before);
        assertProblem(post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate(MEMBERS.get(14)),
                json(Map.of("choice", "NO"))), 409, "INVALID_STATE_TRANSITION");
    }

    @Test
    void onlyTheChairOpensAWrittenProcedureAndOnlyWithADeadline() {
        String resolution = propose(session(false));
        String path = "/api/resolutions/" + resolution + "/written-procedure";
        String body = json(Map.of("deadline", Instant.now().plus(Duration.ofDays(1)).toString()));
        assertProblem(post(path, TestTokens.delegate(SPONSOR), body), 403, "NOT_CHAIR");
        assertProblem(post(path, TestTokens.delegate(CHAIR), "{}"), 400, "VALIDATION_FAILED");
        Response malformed = post(path, TestTokens.delegate(CHAIR), json(Map.of("deadline", "morgen")));
        assertProblem(malformed, 400, "VALIDATION_FAILED");
        assertThat(malformed.json().get("errors").get(0).get("field").asText()).isEqualTo("deadline");
        assertProblem(post(path, TestTokens.delegate(CHAIR), json(Map.of("deadline", "2024-01-01T00:00:00Z"))),
                400, "VALIDATION_FAILED");
        assertThat(eventCount(resolution)).isEqualTo(1);
    }
}

package io.resolutionledger.command.web;

import io.resolutionledger.command.support.CommandSideIntegrationTest;
import io.resolutionledger.command.support.TestTokens;

import io.resolutionledger.command.CommandSideApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the situations HTTP tests start from, over HTTP only: the 2024 chair (DE-BE and DE-BB, as at the 1st DMK,
 * set by an administrator unless it already is), a session of 2024, a proposed resolution, an open vote.
 */
public abstract class CommandHttpTestSupport extends CommandSideIntegrationTest {

    public static final String CHAIR = "DE-BE";
    public static final String SPONSOR = "DE-BY";
    public static final List<String> MEMBERS = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH",
            "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");

    protected static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /**
     * The deadline scheduler's name of instances started by {@link #anotherInstance}. Quartz keeps a JVM-wide registry
     * of its job stores' connections by scheduler name, so an instance sharing the test context's name would, once
     * closed, leave the test context's scheduler with a closed pool. Peers form a cluster of their own (in production
     * each instance is a JVM of its own, all with one name).
     */
    public static final String PEER_SCHEDULER = "ledger-deadlines-peers";

    /**
     * Another command-side instance on this context's database, with the same settings as the test context; its port
     * is {@code local.server.port} of its environment. The caller closes it.
     */
    protected static ConfigurableApplicationContext anotherInstance(Environment environment, String... arguments) {
        // command-line arguments: they override application.yml, as the test context's dynamic properties do
        return new SpringApplicationBuilder(CommandSideApplication.class).run(Stream.concat(Stream.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=" + TestTokens.ISSUER,
                "--server.address=127.0.0.1",
                "--ledger.chair.recording-window=P100Y",
                "--ledger.chair.handover-lead-time=P100Y",
                "--ledger.chair.second-term-allowed=true",
                "--ledger.snapshots.threshold=5",
                "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000",
                "--spring.quartz.scheduler-name=" + PEER_SCHEDULER), Stream.of(arguments)).toArray(String[]::new));
    }

    protected void ensureChair2024() {
        Response r = post("/api/chair/handovers", TestTokens.admin(),
                json(Map.of("year", 2024, "to", List.of("DE-BE", "DE-BB"), "effectiveFrom", "2024-01-01")));
        assertThat(r.status()).as(r.raw()).isIn(201, 409);
        if (r.status() == 409) {
            assertThat(r.code()).isEqualTo("CHAIR_ALREADY_SET");
        }
    }

    /** A scheduled 2024 session; opened when {@code open}. */
    protected String session(boolean open) {
        ensureChair2024();
        String sessionId = newId("s");
        Response scheduled = post("/api/sessions", TestTokens.delegate(CHAIR), json(Map.of("sessionId", sessionId,
                "number", 1, "kind", "REGULAR", "date", "2024-04-19", "place", "Potsdam")));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(201);
        if (open) {
            Response opened = post("/api/sessions/" + sessionId + "/opening", TestTokens.delegate(CHAIR), null);
            assertThat(opened.status()).as(opened.raw()).isEqualTo(200);
        }
        return sessionId;
    }

    protected String propose(String sessionId) {
        Response r = post("/api/resolutions", TestTokens.delegate(SPONSOR), proposal(sessionId));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.json().get("resolutionId").asText();
    }

    protected static String proposal(String sessionId) {
        return json(Map.of("sessionId", sessionId, "title", "Smart Region",
                "text", "Die Digitalministerkonferenz beschließt …\n\tErstens.", "topics", List.of("smart-city"),
                "coSponsors", List.of("DE-HH")));
    }

    /** A resolution in an open session with its vote opened. */
    protected String inVoting() {
        String resolution = propose(session(true));
        Response r = post("/api/resolutions/" + resolution + "/voting", TestTokens.delegate(CHAIR), null);
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return resolution;
    }

    protected void vote(String resolution, String delegation, String choice) {
        Response r = post("/api/resolutions/" + resolution + "/votes", TestTokens.delegate(delegation),
                json(Map.of("choice", choice)));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
    }

    protected static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.header("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
        assertThat(r.json().path("type").asText())
                .isEqualTo("https://resolution-ledger.io/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(r.json().path("title").asText()).isNotBlank();
        assertThat(r.json().path("status").asInt()).isEqualTo(status);
        assertThat(r.json().path("detail").asText()).isNotBlank();
        assertThat(r.raw()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}

package io.resolutionledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.CommandSideApplication;
import io.resolutionledger.command.support.TestDatabase;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 1st DMK end to end: the command side and the query side as two separate applications on one fresh database;
 * the lifecycle is driven over the command side's HTTP API and every projection, and a stream subscriber, must
 * show it (polling with a deadline).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {

    private static final List<String> MEMBERS = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH",
            "DE-HE", "DE-MV", "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");

    private ConfigurableApplicationContext commandSide;
    private ConfigurableApplicationContext querySide;
    private Http commands;
    private Http queries;
    private int queryPort;

    @BeforeAll
    void startBothServices() {
        TestDatabase.Database database = TestDatabase.newDatabase();
        // both jars carry an application.yml; the command side must read its own, not the query side's
        String commandConfig = "jar:" + CommandSideApplication.class.getProtectionDomain().getCodeSource()
                .getLocation() + "!/application.yml";
        if (!commandConfig.contains(".jar")) {
            commandConfig = CommandSideApplication.class.getProtectionDomain().getCodeSource().getLocation()
                    + "application.yml";
        }
        // command-line arguments, not default properties: those would lose against each application.yml's
        // ${PORT:...} and ${LEDGER_DB_URL:...} and the services would reach for a developer's local database
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class).run(
                "--spring.config.location=" + commandConfig,
                "--server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem");
        querySide = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.projections.fetch-delay=25ms");
        assertThat(commandSide.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(database.url());
        assertThat(querySide.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(database.url());
        commands = new Http("http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port"));
        queryPort = Integer.parseInt(querySide.getEnvironment().getProperty("local.server.port"));
        queries = new Http("http://localhost:" + queryPort);
    }

    @AfterAll
    void stop() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void the_first_dmk_recorded_on_the_command_side_shows_in_every_projection_and_on_the_stream() {
        List<String> stream = new CopyOnWriteArrayList<>();
        var subscription = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + queryPort + "/api/stream"))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
        subscription.thenAcceptAsync(r -> {
            try {
                r.body().forEach(stream::add);
            } catch (RuntimeException closed) {
                // closed at the end of the test
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(subscription::isDone);

        String chair = Tokens.delegate("DE-BE");
        expect(post("/api/chair/handovers", Tokens.admin(), null,
                "{\"year\":2024,\"to\":[\"DE-BE\",\"DE-BB\"],\"effectiveFrom\":\"2024-01-01\"}"), 201);
        expect(post("/api/sessions", chair, null, "{\"sessionId\":\"dmk-1\",\"number\":1,\"kind\":\"REGULAR\","
                + "\"date\":\"2024-04-19\",\"place\":\"Potsdam, Hasso-Plattner-Institut\"}"), 201);
        expect(post("/api/sessions/dmk-1/opening", chair, null, null), 200);
        JsonNode proposed = expect(post("/api/resolutions", Tokens.delegate("DE-BB"), null,
                "{\"sessionId\":\"dmk-1\",\"title\":\"EU AI Act\",\"text\":\"The federal government shall implement "
                        + "the EU AI Act without delay.\",\"topics\":[\"ai\"],\"coSponsors\":[\"DE-BE\"]}"), 201);
        String id = proposed.path("resolutionId").asText();
        expect(post("/api/resolutions/" + id + "/amendments", Tokens.delegate("DE-BB"), "\"1\"",
                "{\"text\":\"The federal government shall implement the EU AI Act nationally without delay and "
                        + "with the Länder.\",\"reason\":\"involve the Länder\"}"), 200);
        expect(post("/api/resolutions/" + id + "/voting", chair, null, null), 200);
        for (String member : MEMBERS) {
            expect(post("/api/resolutions/" + id + "/votes", Tokens.delegate(member), null,
                    "{\"choice\":\"YES\"}"), 200);
        }
        expect(post("/api/resolutions/" + id + "/adoption", chair, null, null), 200);
        expect(post("/api/resolutions/" + id + "/publication", chair, null,
                "{\"reference\":\"Digitales Brandenburg, 2024-04-19\"}"), 200);
        expect(post("/api/chair/handovers", chair, null,
                "{\"year\":2025,\"to\":[\"DE-RP\"],\"effectiveFrom\":\"2025-01-01\"}"), 201);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode resolution = queries.get("/api/resolutions/" + id).body();
            assertThat(resolution.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(resolution.path("version").asInt()).isEqualTo(2);
            assertThat(resolution.path("tally").path("yes").asInt()).isEqualTo(16);
            assertThat(resolution.path("coSponsors").toString()).isEqualTo("[\"DE-BE\"]");
            JsonNode session = queries.get("/api/sessions/dmk-1").body();
            assertThat(session.path("agenda").get(0).path("status").asText()).isEqualTo("PUBLISHED");
            assertThat(session.path("status").asText()).isEqualTo("OPEN");
            assertThat(queries.get("/api/chair?on=2024-04-19").body().path("holders").toString())
                    .isEqualTo("[\"DE-BE\",\"DE-BB\"]");
            assertThat(queries.get("/api/chair?on=2025-06-01").body().path("holders").toString())
                    .isEqualTo("[\"DE-RP\"]");
            assertThat(queries.get("/api/stats").body().path("byStatus").path("PUBLISHED").asInt()).isEqualTo(1);
            assertThat(queries.get("/api/resolutions/" + id + "/versions/2/diff?against=1").body().path("unified")
                    .asText()).contains("{+nationally +}");
            assertThat(stream).anyMatch(line -> line.contains("\"id\":\"" + id + "\"")
                    && line.contains("\"status\":\"PUBLISHED\""));
            assertThat(stream).contains("event:chair");
        });
        // the audit log holds every event with the user who caused it
        JsonNode audit = queries.get("/api/resolutions/" + id, Tokens.auditor()).body();
        assertThat(audit.path("reference").asText()).isEqualTo("Digitales Brandenburg, 2024-04-19");
        subscription.thenAccept(r -> r.body().close());
    }

    private Http.Response post(String path, String token, String ifMatch, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandsBase() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return commands.send(request.build());
    }

    private String commandsBase() {
        return "http://localhost:" + commandSide.getEnvironment().getProperty("local.server.port");
    }

    private static JsonNode expect(Http.Response response, int status) {
        assertThat(response.status()).as(response.raw().uri() + " " + response.body()).isEqualTo(status);
        return response.body();
    }
}

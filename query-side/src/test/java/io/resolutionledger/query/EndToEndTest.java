package io.resolutionledger.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.command.CommandSideApplication;
import io.resolutionledger.testkit.TestDatabase;
import io.resolutionledger.query.support.Http;
import io.resolutionledger.query.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=resolution-ledger-dev",
                "--server.address=127.0.0.1",
                // the 1st DMK (2024) recorded today: history after the fact
                "--ledger.chair.recording-window=P100Y");
        querySide = new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0",
                "--server.shutdown=immediate",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--ledger.security.jwt.public-key=classpath:dev-keys/dev-public.pem",
                "--ledger.security.jwt.issuer=resolution-ledger-dev",
                "--server.address=127.0.0.1",
                "--ledger.projections.poll-interval=1s");
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
    @Order(1)
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

    /**
     * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs when
     * missing; the test is skipped, loudly, where they are absent): the page loads with the 1st DMK, then a session
     * scheduled on the command side appears on it without a reload. A screenshot is kept as a test artifact.
     */
    @Test
    @Order(2)
    void the_dashboard_shows_a_command_without_reload() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "SKIPPED: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        System.setProperty("webdriver.chrome.driver", chromedriver.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600", "--lang=en",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        WebDriver browser = new ChromeDriver(options);
        try {
            browser.get("http://localhost:" + queryPort + "/?lang=en");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> d.findElement(By.id("connection")).getText().equals("Live"));
            wait.until(d -> d.findElement(By.id("chair-timeline")).getText().contains("Rhineland-Palatinate"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Resolutions of the conference");
            // mark this page: a reload would lose the mark
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");

            expect(post("/api/sessions", Tokens.delegate("DE-BE"), null, "{\"sessionId\":\"dmk-2\",\"number\":2,"
                    + "\"kind\":\"REGULAR\",\"date\":\"2024-10-24\",\"place\":\"Berlin <script>alert(1)</script>\"}"), 201);

            wait.until(d -> d.findElement(By.id("sessions-list")).getText().contains("24 October 2024"));
            assertThat(browser.findElement(By.id("sessions-list")).getText())
                    .contains("Berlin <script>alert(1)</script>");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                    .isEqualTo(true);
            assertThat(browser.findElement(By.id("feed")).getText()).contains("session");

            browser.findElement(By.id("lang-de")).click();
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Beschlüsse der Konferenz");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");

            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard.png"), png);
        } finally {
            browser.quit();
        }
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

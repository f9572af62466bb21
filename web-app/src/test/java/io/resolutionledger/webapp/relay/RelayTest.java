package io.resolutionledger.webapp.relay;

import io.resolutionledger.webapp.support.Browser;
import io.resolutionledger.webapp.support.Ledger;
import io.resolutionledger.webapp.support.WebStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pages' calls through the web app, whichever way the stack signs in: commands need a sign-in and the CSRF
 * token and go out with the session's token; reads go out with it or, for anonymous readers, without it; the
 * services' answers (status, problem details, ETag, If-Match's 412) pass through; Location names where the new
 * resource is read; a service that does not answer is a 503 problem; the live stream is streamed through.
 */
class RelayTest {

    private static WebStack stack;
    private static Browser chair;
    private static String chairDelegation;
    private static String sessionId;

    @BeforeAll
    static void stack() {
        stack = WebStack.shared();
        Ledger.Chair today = Ledger.chair(stack);
        chair = today.browser();
        chairDelegation = today.delegation();
        sessionId = Ledger.session(chair);
    }

    @Test
    void a_command_and_a_read_go_through_with_the_session_s_token_etags_and_if_match_included() {
        Browser.Response proposed = chair.post("/bff/command/resolutions",
                Ledger.proposalJson(sessionId, "Offene Daten"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
        String id = proposed.json().path("resolutionId").asText();
        assertThat(proposed.header("Location")).as("where it is read, through the web app")
                .isEqualTo("/bff/query/resolutions/" + id);
        assertThat(proposed.header("ETag")).isEqualTo("\"1\"");

        Browser.Response read = Ledger.awaitResolution(chair, id, 1);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.json().path("title").asText()).isEqualTo("Offene Daten");
        assertThat(read.json().path("sponsor").asText()).isEqualTo(chairDelegation);

        Browser.Response amended = chair.post("/bff/command/resolutions/" + id + "/amendments",
                "{\"text\":\"Die Länder beschließen gemeinsam.\",\"reason\":\"klarer\"}", "If-Match", "\"1\"");
        assertThat(amended.status()).as(amended.body()).isEqualTo(200);
        assertThat(amended.header("ETag")).isEqualTo("\"2\"");

        Browser.Response stale = chair.post("/bff/command/resolutions/" + id + "/amendments",
                "{\"text\":\"Zu spät.\",\"reason\":\"veraltet\"}", "If-Match", "\"1\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Ledger.awaitResolution(chair, id, 2).json().path("text").asText())
                .isEqualTo("Die Länder beschließen gemeinsam.");
    }

    @Test
    void the_same_idempotency_key_twice_writes_once() {
        String key = UUID.randomUUID().toString();
        String body = Ledger.proposalJson(sessionId, "Zweimal geklickt");
        Browser.Response first = chair.post("/bff/command/resolutions", body, "Idempotency-Key", key);
        Browser.Response second = chair.post("/bff/command/resolutions", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().path("resolutionId").asText()).isEqualTo(first.json().path("resolutionId").asText());
    }

    @Test
    void anonymous_readers_see_only_published_matters_and_may_not_command() {
        Browser.Response proposed = chair.post("/bff/command/resolutions",
                Ledger.proposalJson(sessionId, "Noch nicht öffentlich"));
        String id = proposed.json().path("resolutionId").asText();
        Ledger.awaitResolution(chair, id, 1);

        Browser anonymous = stack.browser();
        Browser.Response one = anonymous.get("/bff/query/resolutions/" + id);
        assertThat(one.status()).as(one.body()).isEqualTo(404);
        assertThat(one.code()).isEqualTo("RESOLUTION_NOT_FOUND");
        Browser.Response list = anonymous.get("/bff/query/resolutions?size=200");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(id);
        assertThat(chair.get("/bff/query/resolutions?size=200").body()).as("a member sees the draft").contains(id);

        Browser.Response command = anonymous.post("/bff/command/resolutions",
                Ledger.proposalJson(sessionId, "Anonym"));
        assertThat(command.status()).isEqualTo(401);
        assertThat(command.code()).isEqualTo("NOT_SIGNED_IN");
        assertThat(command.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void state_changing_calls_without_the_csrf_token_or_from_another_site_are_refused_and_write_nothing() {
        String title = "CSRF " + UUID.randomUUID();
        Browser.Response without = chair.send(chair.request("/bff/command/resolutions")
                .header("Content-Type", "application/json").header("Origin", chair.origin())
                .POST(HttpRequest.BodyPublishers.ofString(Ledger.proposalJson(sessionId, title))));
        assertThat(without.status()).isEqualTo(403);
        assertThat(without.code()).isEqualTo("CSRF_TOKEN_INVALID");

        Browser.Response wrong = chair.send(chair.request("/bff/command/resolutions")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(Ledger.proposalJson(sessionId, title))));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.code()).isEqualTo("CSRF_TOKEN_INVALID");

        Browser.Response crossSite = chair.send(chair.withCsrf(chair.request("/bff/command/resolutions"))
                .header("Content-Type", "application/json").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString(Ledger.proposalJson(sessionId, title))));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.code()).isEqualTo("CSRF_TOKEN_INVALID");

        Browser.Response otherOrigin = chair.send(chair.request("/bff/command/resolutions")
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .header("X-XSRF-TOKEN", chair.cookie("XSRF-TOKEN").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(Ledger.proposalJson(sessionId, title))));
        assertThat(otherOrigin.status()).isEqualTo(403);
        assertThat(otherOrigin.code()).isEqualTo("CSRF_TOKEN_INVALID");

        // nothing was written: a later proposal of the same sponsor is seen, the refused ones never
        Browser.Response later = chair.post("/bff/command/resolutions", Ledger.proposalJson(sessionId, "Danach"));
        Ledger.awaitResolution(chair, later.json().path("resolutionId").asText(), 1);
        assertThat(chair.get("/bff/query/resolutions?size=200&sessionId=" + sessionId).body()).doesNotContain(title);
    }

    @Test
    void the_query_side_is_read_only_through_the_web_app() {
        Browser.Response post = chair.post("/bff/query/resolutions", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(post.header("Allow")).contains("GET");
    }

    @Test
    void every_answer_carries_the_security_headers() {
        for (Browser.Response response : List.of(chair.get("/bff/me"), chair.get("/bff/query/resolutions"),
                stack.browser().post("/bff/command/resolutions", "{}"))) {
            assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'")
                    .contains("frame-ancestors 'none'");
            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        }
        assertThat(chair.get("/bff/me").header("Cache-Control")).contains("no-store");
    }

    @Test
    void a_service_that_does_not_answer_is_a_503_problem_with_retry_after_and_the_session_is_shared() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext other = stack.anotherWebApp(
                "--ledger.web.command-url=http://127.0.0.1:" + closed,
                "--ledger.web.query-url=http://127.0.0.1:" + closed, "--ledger.web.public-url=")) {
            Browser there = new Browser("http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port"));
            chair.cookies().forEach(there::setCookie);
            assertThat(there.get("/bff/me").json().path("delegation").asText())
                    .as("another instance finds the session in PostgreSQL").isEqualTo(chairDelegation);

            Browser.Response command = there.post("/bff/command/resolutions", Ledger.proposalJson(sessionId, "weg"));
            assertThat(command.status()).isEqualTo(503);
            assertThat(command.code()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(command.header("Retry-After")).isEqualTo("5");
            Browser.Response read = there.get("/bff/query/resolutions");
            assertThat(read.status()).isEqualTo(503);
            assertThat(read.code()).isEqualTo("UPSTREAM_UNAVAILABLE");
            Browser.Response stream = there.get("/bff/query/stream", "Accept", "text/event-stream");
            assertThat(stream.status()).isEqualTo(503);
        }
    }

    @Test
    void the_live_stream_is_streamed_through_as_it_comes() throws Exception {
        HttpRequest.Builder request = chair.request("/bff/query/stream").header("Accept", "text/event-stream");
        request.header("Cookie", "LEDGER_SESSION=" + chair.sessionCookie());
        HttpResponse<InputStream> response = Browser.client().send(request.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the test closed the stream
            }
        }, "stream-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            Browser.Response proposed = chair.post("/bff/command/resolutions",
                    Ledger.proposalJson(sessionId, "Live"));
            String id = proposed.json().path("resolutionId").asText();
            await("the proposal on the relayed stream").atMost(Duration.ofSeconds(30))
                    .until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)));
            assertThat(lines).anyMatch(l -> l.startsWith("id:"));
        } finally {
            response.body().close();
        }
    }
}

package io.resolutionledger.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The harnesses' client against a small real HTTP server: what it sends, what it reads, and no answer as an answer. */
class JsonHttpTest {

    private HttpServer server;
    private String base;
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(2), Duration.ofMillis(500));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/resolutions", this::created);
        server.createContext("/problem", x -> answer(x, 409, "application/problem+json",
                "{\"type\":\"about:blank\",\"status\":409,\"code\":\"VERSION_CONFLICT\"}", Map.of()));
        server.createContext("/html", x -> answer(x, 502, "text/html", "<html>Bad Gateway</html>", Map.of()));
        server.createContext("/hang", x -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(x, 200, "application/json", "{}", Map.of());
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void created(HttpExchange x) throws IOException {
        seen.put("method", x.getRequestMethod());
        seen.put("authorization", String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        seen.put("content-type", String.valueOf(x.getRequestHeaders().getFirst("Content-Type")));
        seen.put("if-match", String.valueOf(x.getRequestHeaders().getFirst("If-Match")));
        seen.put("idempotency-key", String.valueOf(x.getRequestHeaders().getFirst("Idempotency-Key")));
        seen.put("body", new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        answer(x, 201, "application/json", "{\"resolutionId\":\"r-1\",\"version\":1}",
                Map.of("ETag", "\"1\"", "Idempotent-Replayed", "true"));
    }

    private static void answer(HttpExchange x, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", type);
        headers.forEach(x.getResponseHeaders()::add);
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Test
    void aPostSendsTheTokenTheJsonBodyAndTheGivenHeadersAndReadsStatusHeadersAndJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("If-Match", JsonHttp.ifMatch(7L));
        headers.put("Idempotency-Key", "k-1");
        headers.put("X-Correlation-Id", null);

        JsonHttp.Answer a = http.post(base + "/api/resolutions", "tok", "{\"title\":\"Bildung\"}", headers);

        assertThat(a.status()).isEqualTo(201);
        assertThat(a.ok()).isTrue();
        assertThat(a.unanswered()).isFalse();
        assertThat(a.json().path("resolutionId").asText()).isEqualTo("r-1");
        assertThat(a.etag()).isEqualTo("\"1\"");
        assertThat(a.replayed()).isTrue();
        assertThat(a.retryAfter()).isNull();
        assertThat(seen).containsEntry("method", "POST")
                .containsEntry("authorization", "Bearer tok")
                .containsEntry("content-type", "application/json")
                .containsEntry("if-match", "\"7\"")
                .containsEntry("idempotency-key", "k-1")
                .containsEntry("body", "{\"title\":\"Bildung\"}");
    }

    @Test
    void anAnonymousGetSendsNoAuthorization() {
        JsonHttp.Answer a = http.get(base + "/api/resolutions", null);

        assertThat(a.status()).isEqualTo(201);
        assertThat(seen).containsEntry("method", "GET").containsEntry("authorization", "null");
    }

    @Test
    void aProblemDetailIsAnAnswerWithItsCode() {
        JsonHttp.Answer a = http.get(base + "/problem", "tok");

        assertThat(a.status()).isEqualTo(409);
        assertThat(a.ok()).isFalse();
        assertThat(a.unanswered()).isFalse();
        assertThat(a.code()).isEqualTo("VERSION_CONFLICT");
    }

    @Test
    void aBodyThatIsNotJsonReadsAsJsonNull() {
        JsonHttp.Answer a = http.get(base + "/html", null);

        assertThat(a.status()).isEqualTo(502);
        assertThat(a.body()).contains("Bad Gateway");
        assertThat(a.json().isNull()).isTrue();
        assertThat(a.code()).isEmpty();
    }

    @Test
    void aRefusedConnectionIsUnansweredAndNamesTheFailure() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        JsonHttp.Answer a = http.post("http://localhost:" + closed + "/api/resolutions", "tok", null, Map.of());

        assertThat(a.unanswered()).isTrue();
        assertThat(a.status()).isEqualTo(-1);
        assertThat(a.body()).startsWith("ConnectException");
        assertThat(a.etag()).isNull();
        assertThat(a.json().isNull()).isTrue();
    }

    @Test
    void noAnswerWithinTheRequestTimeIsUnanswered() {
        JsonHttp.Answer a = http.get(base + "/hang", "tok");

        assertThat(a.unanswered()).isTrue();
        assertThat(a.body()).startsWith("HttpTimeoutException");
        assertThat(a.nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(500).toNanos());
    }
}

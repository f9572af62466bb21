package io.resolutionledger.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.resolutionledger.testkit.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one base of every {@code @SpringBootTest} of the command side, so that Spring builds one context for all of
 * them: the whole application on a random port, a fresh PostgreSQL database (see {@link TestDatabase}), and the
 * development public key trusted for JWTs ({@link TestTokens} signs with its private half). Subclasses share the
 * database: use fresh ids, never assume an empty store.
 *
 * <p>It also offers a small HTTP client with real tokens, and checks after each test that no request answered 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandSideIntegrationTest {

    private static final TestDatabase.Database DATABASE = TestDatabase.newDatabase();
    /** The webhook key of the tests (base64), from which each subscription's secret is derived. */
    public static final String WEBHOOK_KEY = "dGhlIHRlc3RzJyB3ZWJob29rIGtleQ==";
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void commandSideProperties(DynamicPropertyRegistry registry) {
        DATABASE.register(registry);
        registry.add("ledger.security.jwt.public-key", () -> "classpath:dev-keys/dev-public.pem");
        registry.add("ledger.security.jwt.issuer", () -> TestTokens.ISSUER);
        // the dev key is trusted only on loopback
        registry.add("server.address", () -> "127.0.0.1");
        // the HTTP tests record the DMK's 2024/2025 history (and later years) on any day: the chair's time and term
        // rules are the fixture tests' subject (ConferenceTest, SessionTest)
        registry.add("ledger.chair.recording-window", () -> "P100Y");
        registry.add("ledger.chair.handover-lead-time", () -> "P100Y");
        registry.add("ledger.chair.second-term-allowed", () -> "true");
        // snapshots every few events, so that every HTTP test also decides on state restored from snapshots
        registry.add("ledger.snapshots.threshold", () -> "5");
        // below the lock timeout (10 s), so that CommandTimeoutHttpTest sees the command time out, not fail
        registry.add("ledger.commands.timeout", () -> "8s");
        // webhooks to loopback receivers, signed with a test key
        registry.add("ledger.webhooks.allowed-hosts", () -> "127.0.0.1,localhost");
        registry.add("ledger.webhooks.secret-key", () -> WEBHOOK_KEY);
        // deadlines set by another instance are looked for every second (written procedures' tests)
        registry.add("spring.quartz.properties.org.quartz.scheduler.idleWaitTime", () -> "1000");
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    private final List<Response> serverErrors = Collections.synchronizedList(new ArrayList<>());

    /** An answer: status, headers and the body (parsed when it is JSON). */
    public record Response(int status, Map<String, List<String>> headers, String raw) {
        public JsonNode json() {
            try {
                return raw == null || raw.isEmpty() ? JSON.nullNode() : JSON.readTree(raw);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** The stable problem code of an error answer. */
        public String code() {
            return json().path("code").asText(null);
        }
    }

    protected HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    /** POST with a JSON body (or none, when {@code json} is null); {@code headers} as name, value, name, value… */
    protected Response post(String path, String token, String json, String... headers) {
        HttpRequest.Builder builder = request(path)
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    protected Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            Response r = new Response(response.statusCode(), response.headers().map(), response.body());
            if (r.status() >= 500 && r.status() != 503) {
                serverErrors.add(r);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected long eventCount(String aggregateId) {
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM ledger_write.domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                aggregateId);
        return n == null ? 0 : n;
    }

    @AfterEach
    void noServerErrors() {
        assertThat(serverErrors).as("answers with a 5xx status other than 503").isEmpty();
    }
}

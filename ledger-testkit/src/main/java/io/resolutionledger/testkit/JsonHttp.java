package io.resolutionledger.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * The harnesses' HTTP client (the benchmark, the fault suite): JSON over {@code java.net.http}, HTTP/1.1 with one
 * keep-alive pool, a bearer token per request and a bounded time per request. An exchange that gets no answer
 * (refused, reset, timed out) does not throw: it is an {@link Answer} with status -1, because for a harness "no
 * answer" is an outcome to count and report (a service down, a hang), not a programming error.
 */
public final class JsonHttp {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (name, value) -> true);

    /**
     * One exchange: the status (-1: no answer, the body then names the failure), the headers, the body and the time
     * from sending to the whole body.
     */
    public record Answer(int status, String body, HttpHeaders headers, long nanos) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** No answer at all: connection refused or reset, or no answer within the request time. */
        public boolean unanswered() {
            return status < 0;
        }

        /** The body as JSON; a JSON null where the body is empty or not JSON (a proxy's HTML page, no answer). */
        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return JSON.nullNode();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        /** The ledger's error code of a problem detail ({@code code}); empty when there is none. */
        public String code() {
            return json().path("code").asText("");
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String etag() {
            return header("ETag");
        }

        public String retryAfter() {
            return header("Retry-After");
        }

        /** The command side's {@code Idempotent-Replayed: true}: this answer repeats an earlier attempt's. */
        public boolean replayed() {
            return "true".equalsIgnoreCase(header("Idempotent-Replayed"));
        }

        public long millis() {
            return nanos / 1_000_000;
        }
    }

    private final HttpClient http;
    private final Duration requestTimeout;

    public JsonHttp(Duration connectTimeout, Duration requestTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
        this.requestTimeout = requestTimeout;
    }

    /** The underlying client, for what this one does not cover (a server-sent event stream read line by line). */
    public HttpClient client() {
        return http;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** GET; {@code token} null: anonymous. */
    public Answer get(String url, String token) {
        return send(authorized(HttpRequest.newBuilder(URI.create(url)).GET(), token));
    }

    /**
     * POST of a JSON body ({@code null}: none); {@code headers} are added as given, a null value is left out
     * (an optional {@code If-Match}, {@code Idempotency-Key}, ...).
     */
    public Answer post(String url, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = authorized(HttpRequest.newBuilder(URI.create(url)), token);
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        headers.forEach((name, value) -> {
            if (value != null) {
                b.header(name, value);
            }
        });
        return send(b);
    }

    /** Sends with this client's request time; never throws for a failed exchange (see the class). */
    public Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted", NO_HEADERS, System.nanoTime() - start);
        } catch (IOException e) {
            return new Answer(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), NO_HEADERS,
                    System.nanoTime() - start);
        }
    }

    /** The value of an {@code If-Match} header for an aggregate's version (the ledger's ETags are quoted versions). */
    public static String ifMatch(Long version) {
        return version == null ? null : "\"" + version + "\"";
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder b, String token) {
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}

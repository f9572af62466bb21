package io.resolutionledger.webapp.relay;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.webapp.WebProperties;
import io.resolutionledger.webapp.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The relay of the pages' calls to a service: the request's method, path below the prefix, query, body and a fixed
 * set of headers, with the session's bearer token (none for anonymous readers); back come the status, the body and
 * a fixed set of headers, {@code Location} rewritten to the web app's prefix. The browser's cookies never go
 * upstream, and nothing of the token ever comes back. A {@code Location} names where the new resource is read: the
 * query side ({@code /bff/query/…}), also when the command side answered it (it has no reads of its own). A service that does not answer is a 503
 * {@code UPSTREAM_UNAVAILABLE} with {@code Retry-After}; the services' own problem details pass through unchanged.
 *
 * <p>The live stream ({@code text/event-stream}) is copied as it arrives, flushed after every read, with no read
 * timeout, on a thread of its own (at most {@code ledger.web.stream-connections} at once; beyond: 503).
 */
@Component
public class Relay {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Accept-Language", "If-Match",
            "If-None-Match", "Idempotency-Key", "Last-Event-ID");
    static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Location", "Retry-After",
            "Cache-Control", "Content-Language", "Content-Disposition", "Vary", "Allow", "WWW-Authenticate");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final WebProperties properties;
    private final ProblemResponses problems;
    private final HttpClient http;
    private final Semaphore streams;

    public Relay(WebProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.streams = new Semaphore(properties.streamConnections());
    }

    /** Where a call under {@code prefix} goes: the service's {@code /api} plus the rest of the path and the query. */
    static URI target(URI service, String prefix, HttpServletRequest request) {
        String rest = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            return null;
        }
        for (String segment : rest.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        String base = service.toString().replaceAll("/+$", "");
        String query = request.getQueryString();
        return URI.create(base + "/api" + rest + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    /**
     * Relays one call and writes the service's answer (or a 503) to the response; {@code readPrefix} is where the
     * resources a {@code Location} names are read through the web app.
     */
    public void relay(URI service, String prefix, String readPrefix, HttpServletRequest request,
                      HttpServletResponse response, String bearer) throws IOException {
        URI target = target(service, prefix, request);
        if (target == null) {
            problems.write(response, ErrorCode.NOT_FOUND, "No such resource.");
            return;
        }
        HttpRequest upstream = upstream(target, request, bearer).timeout(properties.readTimeout()).build();
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(upstream, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            unavailable(response, service, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(response, service, new IOException(e));
            return;
        }
        copyHeaders(answer, response, service, readPrefix);
        response.setStatus(answer.statusCode());
        if (answer.body().length > 0) {
            response.setContentLength(answer.body().length);
            response.getOutputStream().write(answer.body());
        }
    }

    /**
     * Opens the service's live stream; the body is copied by the returned {@link StreamingResponseBody} (on an async
     * thread), or null when the answer was written already (an error, a refusal, no capacity).
     */
    public StreamingResponseBody stream(URI service, String prefix, HttpServletRequest request,
                                        HttpServletResponse response, String bearer) throws IOException {
        URI target = target(service, prefix, request);
        if (target == null) {
            problems.write(response, ErrorCode.NOT_FOUND, "No such resource.");
            return null;
        }
        if (!streams.tryAcquire()) {
            problems.write(response, ErrorCode.UPSTREAM_UNAVAILABLE, "Every live-stream connection of this web app "
                    + "is taken; try again after Retry-After.", properties.retryAfterSeconds());
            return null;
        }
        boolean handedOver = false;
        try {
            // the timeout covers the answer's headers only: a live stream may be silent between heartbeats
            HttpRequest upstream = upstream(target, request, bearer).timeout(properties.readTimeout()).build();
            HttpResponse<InputStream> answer;
            try {
                answer = http.send(upstream, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                unavailable(response, service, e);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable(response, service, new IOException(e));
                return null;
            }
            copyHeaders(answer, response, service, prefix);
            response.setStatus(answer.statusCode());
            boolean eventStream = answer.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse("")
                    .toLowerCase(Locale.ROOT).startsWith("text/event-stream");
            if (!eventStream) {
                try (InputStream in = answer.body()) {
                    in.transferTo(response.getOutputStream());
                }
                return null;
            }
            response.setHeader("X-Accel-Buffering", "no");
            handedOver = true;
            return out -> {
                try (InputStream in = answer.body()) {
                    copyFlushing(in, out);
                } finally {
                    streams.release();
                }
            };
        } finally {
            if (!handedOver) {
                streams.release();
            }
        }
    }

    private static void copyFlushing(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    private HttpRequest.Builder upstream(URI target, HttpServletRequest request, String bearer) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target);
        for (String name : REQUEST_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                builder.header(name, value);
            }
        }
        if (bearer != null) {
            builder.header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer);
        }
        // the services limit anonymous readers and streams per client address: name the browser's, not ours
        builder.header("X-Forwarded-For", request.getRemoteAddr());
        String method = request.getMethod();
        if (WITH_BODY.contains(method)) {
            long length = request.getContentLengthLong();
            boolean chunked = request.getHeader("Transfer-Encoding") != null;
            InputStream body = request.getInputStream();
            HttpRequest.BodyPublisher publisher = length == 0 || (length < 0 && !chunked)
                    ? HttpRequest.BodyPublishers.noBody()
                    : length > 0 ? HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> body);
            builder.method(method, publisher);
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder;
    }

    private void copyHeaders(HttpResponse<?> answer, HttpServletResponse response, URI service, String prefix) {
        for (String name : RESPONSE_HEADERS) {
            for (String value : answer.headers().allValues(name)) {
                response.addHeader(name, name.equals("Location") ? location(value, service, prefix) : value);
            }
        }
    }

    /** A service's {@code /api/…} address (relative or absolute) as the web app's {@code prefix/…}. */
    static String location(String value, URI service, String prefix) {
        String path = value;
        String base = service.toString().replaceAll("/+$", "");
        if (path.startsWith(base)) {
            path = path.substring(base.length());
        } else if (path.startsWith("http://") || path.startsWith("https://")) {
            URI uri = URI.create(path);
            path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api?")) {
            return prefix + path.substring("/api".length());
        }
        return path;
    }

    private void unavailable(HttpServletResponse response, URI service, IOException e) throws IOException {
        boolean timeout = e instanceof HttpTimeoutException;
        log.warn("{} did not answer: {}", service, e.toString());
        problems.write(response, ErrorCode.UPSTREAM_UNAVAILABLE, timeout
                ? "The service did not answer in time. A command may still have been done: send it again with the "
                  + "same Idempotency-Key after Retry-After, and it is done at most once."
                : "The service cannot be reached at the moment; try again after Retry-After.",
                properties.retryAfterSeconds());
    }
}

package io.resolutionledger.webapp.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One browser's view of the web app over plain HTTP: a cookie jar of its own (the session cookie and
 * {@code XSRF-TOKEN}; java.net's CookieManager would never send Secure cookies over http), redirects not followed,
 * and by default the CSRF header and an {@code Origin} of the web app itself on every state-changing request, as the
 * pages send them.
 */
public final class Browser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();

    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final java.util.List<Response> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    public Browser(String base) {
        this.base = base;
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String code() {
            return json().path("code").asText(null);
        }
    }

    public String base() {
        return base;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    public void forgetCookie(String name) {
        cookies.remove(name);
    }

    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    public Response get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    /** A state-changing request with the CSRF token and Origin, as the pages send it. */
    public Response post(String path, String json, String... headers) {
        return send(withCsrf(request(path, headers).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))));
    }

    /** A form post (the development sign-in), with the CSRF field and Origin. */
    public Response postForm(String path, Map<String, String> fields, String... headers) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(request(path, headers).header("Origin", origin())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any request as built by the caller (no CSRF header unless it adds one); the jar's cookies go along. */
    public Response send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            remember(response.headers());
            Response answer = new Response(response.statusCode(), response.body(), response.headers());
            seen.add(answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request to the web app (a path) or anywhere (an absolute address). */
    public HttpRequest.Builder request(String pathOrUrl, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl
                : base + pathOrUrl));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }

    public HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
        request.header("Origin", origin());
        cookie("XSRF-TOKEN").ifPresent(token -> request.header("X-XSRF-TOKEN", token));
        return request;
    }

    public String origin() {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    void remember(HttpHeaders headers) {
        for (String cookie : headers.allValues("Set-Cookie")) {
            String pair = cookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = cookie.toLowerCase(java.util.Locale.ROOT);
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    /** Every answer this browser got, in order (to look for what must never reach a browser). */
    public java.util.List<Response> seen() {
        return java.util.List.copyOf(seen);
    }

    /** What the browser sent the server for the session: the cookie's value. */
    public String sessionCookie() {
        return cookies.get(WebStack.SESSION_COOKIE);
    }

    /** Every Set-Cookie line of an answer (to check attributes). */
    public static java.util.List<String> setCookies(Response response) {
        return response.headers().allValues("Set-Cookie");
    }

    public static HttpClient client() {
        return HTTP;
    }

    @Override
    public String toString() {
        return "Browser" + cookies.keySet();
    }
}

package io.resolutionledger.query.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for the tests: GET with an optional bearer token, JSON answers. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public String base() {
        return base;
    }

    public Response get(String path) {
        return get(path, null);
    }

    public Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json, application/problem+json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(), parse(body), response);
        } catch (Exception e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    public static HttpClient client() {
        return CLIENT;
    }
}

package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's HTTP API as the fault suite uses it: dev tokens signed like {@code ./ledger token} (the local profile
 * trusts dev-keys/), an explicit {@code Idempotency-Key} and a fresh {@code X-Correlation-Id} per attempt (so the
 * event store tells which attempt of a request committed), and a bounded time per request.
 */
final class Api {

    static final List<String> LANDER = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
            "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");
    static final ObjectMapper JSON = new ObjectMapper();
    /** A request that gets no answer within this bound counts as unanswered (a hang, where that matters). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    record Resp(int status, String body, String etag, String retryAfter, boolean replayed, long millis) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** -1: no answer (connection refused, reset, timed out). */
        boolean unanswered() {
            return status < 0;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return JSON.nullNode();
            }
        }

        String code() {
            return json().path("code").asText("");
        }
    }

    final HttpClient http;
    private final PrivateKey key;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(Path privateKeyPem) throws Exception {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /** A token of a member delegation ("DE-BY") or of a role ("role:admin", "role:auditor"). */
    String token(String who) {
        return tokens.computeIfAbsent(who, this::mint);
    }

    private String mint(String who) {
        try {
            long now = System.currentTimeMillis() / 1000;
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"ledger-dev\"}".getBytes(StandardCharsets.UTF_8));
            String payload;
            if (who.startsWith("role:")) {
                String role = who.substring(5);
                payload = String.format("{\"iss\":\"resolution-ledger-dev\",\"aud\":\"ledger\",\"sub\":\"faults-%s\",\"roles\":[\"%s\"],\"iat\":%d,\"exp\":%d}",
                        role, role, now - 60, now + 12 * 3600);
            } else {
                payload = String.format("{\"iss\":\"resolution-ledger-dev\",\"aud\":\"ledger\",\"sub\":\"faults-%s\",\"delegation\":\"%s\",\"roles\":[\"delegate\"],\"iat\":%d,\"exp\":%d}",
                        who, who, now - 60, now + 12 * 3600);
            }
            String unsigned = header + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(key);
            sig.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + b64.encodeToString(sig.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Resp post(String baseUrl, String who, String path, String body, Long ifMatch, String idempotencyKey, String correlationId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token(who));
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (correlationId != null) {
            b.header("X-Correlation-Id", correlationId);
        }
        return send(b.build());
    }

    Resp get(String baseUrl, String who, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT).GET();
        if (who != null) {
            b.header("Authorization", "Bearer " + token(who));
        }
        return send(b.build());
    }

    private Resp send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), r.headers().firstValue("ETag").orElse(null),
                    r.headers().firstValue("Retry-After").orElse(null),
                    r.headers().firstValue("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            return new Resp(-1, e.getClass().getSimpleName() + ": " + e.getMessage(), null, null, false,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}

package io.resolutionledger.bench;

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
 * The ledger's HTTP API as the benchmark uses it: dev tokens signed like {@code ./ledger token} does (the local
 * profile trusts dev-keys/), one shared {@link HttpClient} (HTTP/1.1, keep-alive pool).
 */
final class Api {

    static final List<String> LANDER = List.of("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
            "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH");
    static final String CHAIR = "DE-BE";
    static final ObjectMapper JSON = new ObjectMapper();

    record Resp(int status, String body, long nanos, String etag) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                return JSON.nullNode();
            }
        }
    }

    final String commandUrl;
    final String queryUrl;
    final HttpClient http;
    private final PrivateKey key;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Api(String commandUrl, String queryUrl, Path privateKeyPem) throws Exception {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String pem = Files.readString(privateKeyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    /**
     * One caller per (client, delegation): each concurrent client of the load has its own tokens (subject
     * {@code bench-DE-BY-c3}), so the service's per-caller limits and caches see as many callers as a real session
     * would; {@code sharedTokens} (option {@code --shared-tokens}) gives every client the same token per delegation,
     * a single-caller run (switch the rate limit off for it: {@code --command-arg --ledger.rate-limit.enabled=false}).
     */
    volatile boolean sharedTokens;

    /** A token of a member delegation ("DE-BY") or of a role ("role:admin"). */
    String token(String who) {
        return tokens.computeIfAbsent(who, this::mint);
    }

    /** The token of delegation {@code who} as used by load client {@code client} (negative: the shared one). */
    String token(String who, int client) {
        return client < 0 || sharedTokens ? token(who) : token(who + "#c" + client);
    }

    private String mint(String caller) {
        int hash = caller.indexOf('#');
        String who = hash < 0 ? caller : caller.substring(0, hash);
        String sub = hash < 0 ? who : who + "-" + caller.substring(hash + 1);
        try {
            long now = System.currentTimeMillis() / 1000;
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"ledger-dev\"}".getBytes(StandardCharsets.UTF_8));
            String payload;
            if (who.startsWith("role:")) {
                String role = who.substring(5);
                payload = String.format("{\"iss\":\"resolution-ledger-dev\",\"aud\":\"ledger\",\"sub\":\"bench-%s\",\"roles\":[\"%s\"],\"iat\":%d,\"exp\":%d}",
                        role, role, now, now + 6 * 3600);
            } else {
                payload = String.format("{\"iss\":\"resolution-ledger-dev\",\"aud\":\"ledger\",\"sub\":\"bench-%s\",\"delegation\":\"%s\",\"roles\":[\"delegate\"],\"iat\":%d,\"exp\":%d}",
                        sub, who, now, now + 6 * 3600);
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

    Resp post(String who, String path, String body, Long ifMatch) {
        return post(who, -1, path, body, ifMatch);
    }

    Resp post(String who, int client, String path, String body, Long ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(commandUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(who, client));
        if (body != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        if (ifMatch != null) {
            b.header("If-Match", "\"" + ifMatch + "\"");
        }
        return send(b.build());
    }

    Resp get(String baseUrl, String who, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET();
        if (who != null) {
            b.header("Authorization", "Bearer " + token(who));
        }
        return send(b.build());
    }

    private Resp send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.body(), System.nanoTime() - start, r.headers().firstValue("ETag").orElse(null));
        } catch (Exception e) {
            return new Resp(-1, e.toString(), System.nanoTime() - start, null);
        }
    }

    /** Heap used (bytes) from the service's actuator; -1 if it cannot be read. */
    long heapUsed(String baseUrl) {
        Resp r = get(baseUrl, "role:admin", "/actuator/metrics/jvm.memory.used?tag=area:heap");
        if (!r.ok()) {
            return -1;
        }
        return r.json().path("measurements").path(0).path("value").asLong(-1);
    }

    /** The chair of 2024 and one open session dated 2024, so that proposals, votes and adoption are allowed. */
    void setUp(String sessionId) {
        Resp chair = post("role:admin", "/api/chair/handovers", "{\"year\":2024,\"to\":[\"DE-BE\",\"DE-BB\"],\"effectiveFrom\":\"2024-01-01\"}", null);
        if (!chair.ok() && chair.status() != 409) {
            throw new IllegalStateException("chair hand-over: " + chair.status() + " " + chair.body());
        }
        Resp s = post(CHAIR, "/api/sessions", "{\"sessionId\":\"" + sessionId + "\",\"number\":1,\"kind\":\"REGULAR\","
                + "\"date\":\"2024-04-19\",\"place\":\"Benchmark\"}", null);
        if (!s.ok()) {
            throw new IllegalStateException("session: " + s.status() + " " + s.body());
        }
        Resp o = post(CHAIR, "/api/sessions/" + sessionId + "/opening", null, null);
        if (!o.ok()) {
            throw new IllegalStateException("session opening: " + o.status() + " " + o.body());
        }
    }
}

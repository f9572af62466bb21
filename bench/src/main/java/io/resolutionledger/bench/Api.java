package io.resolutionledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.testkit.CallerTokens;
import io.resolutionledger.testkit.JsonHttp;
import io.resolutionledger.testkit.JsonHttp.Answer;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's HTTP API as the benchmark uses it, on the testkit's client ({@link JsonHttp}: one keep-alive pool,
 * HTTP/1.1) and development tokens ({@link CallerTokens}, subjects {@code bench-...}; the local profile trusts
 * dev-keys/): the two services' addresses, the benchmark's callers and the session set-up its workflows need.
 */
final class Api {

    static final List<String> LANDER = CallerTokens.DELEGATIONS;
    static final String CHAIR = "DE-BE";
    static final ObjectMapper JSON = JsonHttp.JSON;

    final String commandUrl;
    final String queryUrl;
    final JsonHttp client = new JsonHttp(Duration.ofSeconds(5), Duration.ofSeconds(30));
    /** for what the client does not cover: the server-sent event stream of the lag probe */
    final HttpClient http = client.client();
    /**
     * The lag probe's reads, on a client of their own: a reader is not the writer, and on the load's client each probe
     * waited its turn behind the commands' answers on the one connection pool and selector.
     */
    final JsonHttp probeClient = new JsonHttp(Duration.ofSeconds(5), Duration.ofSeconds(30));
    private final CallerTokens tokens = new CallerTokens("bench", Duration.ofHours(6));

    Api(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
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
        return tokens.token(who);
    }

    /** The token of delegation {@code who} as used by load client {@code client} (negative: the shared one). */
    String token(String who, int client) {
        return client < 0 || sharedTokens ? token(who) : tokens.token(who, "c" + client);
    }

    Answer post(String who, String path, String body, Long ifMatch) {
        return post(who, -1, path, body, ifMatch);
    }

    Answer post(String who, int client, String path, String body, Long ifMatch) {
        Map<String, String> headers = new HashMap<>();
        headers.put("If-Match", JsonHttp.ifMatch(ifMatch));
        return this.client.post(commandUrl + path, token(who, client), body, headers);
    }

    Answer get(String baseUrl, String who, String path) {
        return client.get(baseUrl + path, who == null ? null : token(who));
    }

    /** A read of the query API by the lag probe (its own client, {@link #probeClient}). */
    Answer probe(String who, String path) {
        return probeClient.get(queryUrl + path, token(who));
    }

    /** Heap used (bytes) from the service's actuator; -1 if it cannot be read. */
    long heapUsed(String baseUrl) {
        Answer r = get(baseUrl, "role:admin", "/actuator/metrics/jvm.memory.used?tag=area:heap");
        if (!r.ok()) {
            return -1;
        }
        return r.json().path("measurements").path(0).path("value").asLong(-1);
    }

    /** The chair of 2024 and one open session dated 2024, so that proposals, votes and adoption are allowed. */
    void setUp(String sessionId) {
        Answer chair = post("role:admin", "/api/chair/handovers", "{\"year\":2024,\"to\":[\"DE-BE\",\"DE-BB\"],\"effectiveFrom\":\"2024-01-01\"}", null);
        if (!chair.ok() && chair.status() != 409) {
            throw new IllegalStateException("chair hand-over: " + chair.status() + " " + chair.body());
        }
        Answer s = post(CHAIR, "/api/sessions", "{\"sessionId\":\"" + sessionId + "\",\"number\":1,\"kind\":\"REGULAR\","
                + "\"date\":\"2024-04-19\",\"place\":\"Benchmark\"}", null);
        if (!s.ok()) {
            throw new IllegalStateException("session: " + s.status() + " " + s.body());
        }
        Answer o = post(CHAIR, "/api/sessions/" + sessionId + "/opening", null, null);
        if (!o.ok()) {
            throw new IllegalStateException("session opening: " + o.status() + " " + o.body());
        }
    }
}

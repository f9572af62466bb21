package io.resolutionledger.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.resolutionledger.testkit.CallerTokens;
import io.resolutionledger.testkit.JsonHttp;
import io.resolutionledger.testkit.JsonHttp.Answer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's HTTP API as the fault suite uses it, on the testkit's client ({@link JsonHttp}) and development tokens
 * ({@link CallerTokens}, subjects {@code faults-...}; the local profile trusts dev-keys/): an explicit
 * {@code Idempotency-Key} and a fresh {@code X-Correlation-Id} per attempt (so the event store tells which attempt
 * of a request committed), and a bounded time per request.
 */
final class Api {

    static final List<String> LANDER = CallerTokens.DELEGATIONS;
    static final ObjectMapper JSON = JsonHttp.JSON;
    /** A request that gets no answer within this bound counts as unanswered (a hang, where that matters). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final JsonHttp client = new JsonHttp(Duration.ofSeconds(10), REQUEST_TIMEOUT);
    /** valid for the longest run (the long set takes up to half an hour; a token is not renewed) */
    private final CallerTokens tokens = new CallerTokens("faults", Duration.ofHours(12));

    /** A token of a member delegation ("DE-BY") or of a role ("role:admin", "role:auditor"). */
    String token(String who) {
        return tokens.token(who);
    }

    Answer post(String baseUrl, String who, String path, String body, Long ifMatch, String idempotencyKey, String correlationId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("If-Match", JsonHttp.ifMatch(ifMatch));
        headers.put("Idempotency-Key", idempotencyKey);
        headers.put("X-Correlation-Id", correlationId);
        return client.post(baseUrl + path, token(who), body, headers);
    }

    Answer get(String baseUrl, String who, String path) {
        return client.get(baseUrl + path, who == null ? null : token(who));
    }
}

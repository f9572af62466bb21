package io.resolutionledger.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP answer to a command, as first given and as replayed for a repeated {@code Idempotency-Key}: status,
 * {@code Location}, the resolution's version (sent as {@code ETag}) and the JSON body. It is computed from the
 * command and its result by one deterministic function ({@link AnswerRenderer}) and stored with the events, so a
 * replay answers byte for byte what the first request got, also after a restart.
 *
 * @param status   HTTP status (200 or 201)
 * @param location the created resource's path, or null
 * @param version  the resolution's version the answer is about (sent as {@code ETag: "<version>"}), or null
 * @param body     the JSON body, or null for none
 */
public record CommandAnswer(int status, String location, Long version, JsonNode body) {

    public ResponseEntity<JsonNode> toResponseEntity() {
        HttpHeaders headers = new HttpHeaders();
        if (location != null) {
            headers.add(HttpHeaders.LOCATION, location);
        }
        if (version != null) {
            headers.setETag("\"" + version + "\"");
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }
}

package io.resolutionledger.command.idempotency;

import java.time.Instant;

/** What a request with an {@code Idempotency-Key} left behind: its hash and the answer it was given. */
public record IdempotencyRecord(String caller, String key, String requestHash, String resultType,
                                CommandAnswer answer, Instant createdAt) {
}

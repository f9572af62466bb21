package io.resolutionledger.command.idempotency;

/**
 * The result of a command whose idempotency key had been used before: the handler did not run, and the web layer
 * answers from the record (the same answer again, or 422 when the request differs from the first).
 *
 * @param requestHash the hash of the request that first used the key
 * @param answer      the answer it was given
 */
public record IdempotentReplay(String requestHash, CommandAnswer answer) {
}

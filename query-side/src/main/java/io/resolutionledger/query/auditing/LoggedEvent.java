package io.resolutionledger.query.auditing;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of the ledger as an auditor reads it, straight from the event store.
 *
 * @param type          the simple name of the payload type (e.g. {@code ResolutionAdopted})
 * @param occurredAt    the business time the event carries ({@code occurredAt} of the payload)
 * @param recordedAt    when the event store recorded it ({@code time_stamp})
 * @param actor         the delegation on whose behalf it happened (payload {@code actor}); null for an admin's act
 * @param command       the name of the command that caused it (metadata {@code command}); null for older events
 * @param importId      the history import that recorded it after the fact (metadata {@code importId}; then
 *                      {@code user} is who imported and {@code recordedAt} when); null for live history
 */
public record LoggedEvent(long globalIndex, String eventIdentifier, String aggregateType, String aggregateId,
                          long sequence, String type, String payloadRevision, Instant occurredAt, Instant recordedAt,
                          String actor, String user, String delegation, String correlationId, String causationId,
                          String command, String importId, JsonNode payload) {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.DelegationCode;

import java.time.Instant;

/**
 * Every event says in business terms who acted and when. Technical context (user, correlation id, idempotency key)
 * travels as Axon metadata, never in the payload.
 */
public sealed interface LedgerEvent permits ResolutionEvent, SessionEvent, ConferenceEvent, SubscriptionEvent {

    /**
     * The delegation on whose behalf it happened; {@code null} only for acts of an administrator and for what the
     * ledger decides by itself (a written procedure's outcome).
     */
    DelegationCode actor();

    /** When it happened, decided by the command handler (never recomputed on replay). */
    Instant occurredAt();
}

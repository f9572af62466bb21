package io.resolutionledger.api.event;

import io.resolutionledger.api.value.DelegationCode;

import java.time.Instant;

/**
 * Every event says in business terms who acted and when. Technical context (user, correlation id, idempotency key)
 * travels as Axon metadata, never in the payload.
 *
 * <p><b>Two clocks.</b> An event has two times, and they are different facts:
 * <ul>
 *   <li>{@link #occurredAt()}, the <em>business time</em>: when it happened in the conference. A payload field of
 *   every event, decided by the command handler from the clock it is given ({@code clock.instant()}): the command
 *   side's business clock answers the time an import declared for the command
 *   ({@link EventMetadata#OCCURRED_AT}), and the wall clock otherwise.</li>
 *   <li>{@code recordedAt}, the <em>recording time</em>: when the ledger wrote it. It is not a payload field: it is
 *   the event message's timestamp that Axon stamps when the aggregate applies the event inside the command's unit of
 *   work (the event store's {@code time_stamp}, {@code EventMessage.getTimestamp()} on every reader). A payload copy
 *   would be a second, possibly different, record of one fact, and nobody may choose it.</li>
 * </ul>
 * Events recorded before the import existed were stamped with the wall clock when their command arrived, so their
 * {@code occurredAt} is their recording time too: under this convention they read correctly as they are stored, and
 * no revision or upcaster is needed (one would also rewrite every stored event's leaf in the verifiable log).
 * A new event type follows the same rule: {@code @Revision("1")}, a member of its aggregate's sealed interface,
 * fields {@code actor} and {@code occurredAt} last, {@code occurredAt} taken from the handler's {@code Clock}.
 */
public sealed interface LedgerEvent permits ResolutionEvent, SessionEvent, ConferenceEvent, SubscriptionEvent {

    /**
     * The delegation on whose behalf it happened; {@code null} only for acts of an administrator and for what the
     * ledger decides by itself (a written procedure's outcome).
     */
    DelegationCode actor();

    /** When it happened (business time), decided by the command handler (never recomputed on replay). */
    Instant occurredAt();
}

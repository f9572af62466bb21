package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The chair put the resolution to a vote in writing (Umlaufverfahren), without a session: members vote until the
 * deadline, then the ledger decides by itself. Always followed, in the same commit, by the {@link VoteOpened} that
 * freezes the version and the rule, so that everything that follows a vote reads a written one alike.
 */
@Revision("1")
public record WrittenProcedureOpened(
        ResolutionId resolutionId,
        Instant deadline,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

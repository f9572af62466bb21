package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The resolution was rejected: by the chair, or by the ledger itself when a written procedure's deadline came (or
 * earlier, once no remaining vote could change the outcome; then {@code actor} is null). Revision 2 added
 * {@code decidedBy} (see {@code OutcomeUpcaster}).
 */
@Revision("2")
public record ResolutionRejected(
        ResolutionId resolutionId,
        SessionId sessionId,
        long version,
        Tally tally,
        VotingRule rule,
        String reason,
        DecidedBy decidedBy,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    public ResolutionRejected {
        decidedBy = decidedBy == null ? DecidedBy.CHAIR : decidedBy;
    }

    /** Declared by the chair. */
    public ResolutionRejected(ResolutionId resolutionId, SessionId sessionId, long version, Tally tally,
                              VotingRule rule, String reason, DelegationCode actor, Instant occurredAt) {
        this(resolutionId, sessionId, version, tally, rule, reason, DecidedBy.CHAIR, actor, occurredAt);
    }
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The resolution was adopted; the tally met the rule recorded when the vote opened. {@code decidedBy} says whether
 * the chair declared it or the ledger decided a written procedure by itself (then {@code actor} is null and
 * {@code occurredAt} is the deadline, or the moment of the vote that settled it). Revision 2 added {@code decidedBy}
 * (see {@code OutcomeUpcaster}).
 */
@Revision("2")
public record ResolutionAdopted(
        ResolutionId resolutionId,
        SessionId sessionId,
        long version,
        Tally tally,
        VotingRule rule,
        DecidedBy decidedBy,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    public ResolutionAdopted {
        decidedBy = decidedBy == null ? DecidedBy.CHAIR : decidedBy;
    }

    /** Declared by the chair. */
    public ResolutionAdopted(ResolutionId resolutionId, SessionId sessionId, long version, Tally tally,
                             VotingRule rule, DelegationCode actor, Instant occurredAt) {
        this(resolutionId, sessionId, version, tally, rule, DecidedBy.CHAIR, actor, occurredAt);
    }
}

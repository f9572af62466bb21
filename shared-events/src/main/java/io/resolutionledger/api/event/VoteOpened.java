package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The chair opened the vote: the text is frozen at this version and the rule in force is recorded, by its name in the
 * conference's catalogue and its terms. Revision 2 added {@code ruleName} (see {@code VoteOpenedUpcaster}).
 */
@Revision("2")
public record VoteOpened(
        ResolutionId resolutionId,
        SessionId sessionId,
        long version,
        String ruleName,
        VotingRule rule,
        List<DelegationCode> eligibleVoters,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    public VoteOpened {
        eligibleVoters = eligibleVoters == null ? List.of() : List.copyOf(eligibleVoters);
    }
}

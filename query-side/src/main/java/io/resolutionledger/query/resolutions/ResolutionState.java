package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;

import java.time.Instant;
import java.util.List;

/**
 * A resolution's state as the read side knows it: what {@link ResolutionFold#evolve} computes from its events. Each
 * read model keeps the part it shows (the resolution table all of it, the session's agenda and the figures a few
 * fields), and folds the same events over that part with the same function.
 *
 * @param decidedAt when it was withdrawn, adopted or rejected (null while open)
 */
public record ResolutionState(String resolutionId, String conferenceId, String sessionId, String title, String text,
                              long version, ResolutionStatus status, String sponsor, List<String> coSponsors,
                              List<String> topics, Tally tally, VotingRule rule, String reference,
                              Instant createdAt, Instant updatedAt, Instant decidedAt) {

    /** Nothing: the resolution has not been proposed. */
    public static final ResolutionState NONE = new ResolutionState(null, null, null, null, null, 0, null, null,
            List.of(), List.of(), null, null, null, null, null, null);

    public boolean exists() {
        return resolutionId != null;
    }
}

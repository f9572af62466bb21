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
 * @param between   how it is put to the vote and whom it concerns beyond the conference (issue 15)
 */
public record ResolutionState(String resolutionId, String conferenceId, String sessionId, String title, String text,
                              long version, ResolutionStatus status, String sponsor, List<String> coSponsors,
                              List<String> topics, Tally tally, VotingRule rule, String reference,
                              Instant createdAt, Instant updatedAt, Instant decidedAt, Between between) {

    /** Nothing: the resolution has not been proposed. */
    public static final ResolutionState NONE = new ResolutionState(null, null, null, null, null, 0, null, null,
            List.of(), List.of(), null, null, null, null, null, null);

    public ResolutionState {
        between = between == null ? Between.NONE : between;
    }

    /** A state without what only the resolutions' own table keeps (the agendas' and the figures' part). */
    public ResolutionState(String resolutionId, String conferenceId, String sessionId, String title, String text,
                           long version, ResolutionStatus status, String sponsor, List<String> coSponsors,
                           List<String> topics, Tally tally, VotingRule rule, String reference,
                           Instant createdAt, Instant updatedAt, Instant decidedAt) {
        this(resolutionId, conferenceId, sessionId, title, text, version, status, sponsor, coSponsors, topics, tally,
                rule, reference, createdAt, updatedAt, decidedAt, Between.NONE);
    }

    /**
     * @param procedure  {@code SESSION}, or {@code WRITTEN} for a vote in writing (Umlaufverfahren)
     * @param deadline   a written procedure's deadline
     * @param decidedBy  who decided the outcome: {@code CHAIR}, {@code DEADLINE} or {@code EARLY_CONCLUSION}
     * @param addressees whom the resolution is addressed to (e.g. BUND, EU)
     * @param partners   the other conferences it is joint with (e.g. WMK)
     */
    public record Between(String procedure, Instant deadline, String decidedBy, List<String> addressees,
                          List<String> partners) {
        public static final String SESSION = "SESSION";
        public static final String WRITTEN = "WRITTEN";
        public static final Between NONE = new Between(SESSION, null, null, List.of(), List.of());

        public Between {
            addressees = addressees == null ? List.of() : List.copyOf(addressees);
            partners = partners == null ? List.of() : List.copyOf(partners);
        }

        Between written(Instant deadline) {
            return new Between(WRITTEN, deadline, decidedBy, addressees, partners);
        }

        Between decidedBy(String decidedBy) {
            return new Between(procedure, deadline, decidedBy, addressees, partners);
        }

        Between addressed(List<String> addressees, List<String> partners) {
            return new Between(procedure, deadline, decidedBy, addressees, partners);
        }
    }

    public boolean exists() {
        return resolutionId != null;
    }
}

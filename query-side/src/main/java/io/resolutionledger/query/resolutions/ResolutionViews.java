package io.resolutionledger.query.resolutions;

import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.query.mandates.MandateView;

import java.time.Instant;
import java.util.List;

/** What the resolutions API answers (field names as in API.md). */
public final class ResolutionViews {

    private ResolutionViews() {
    }

    /**
     * The current state of a resolution. {@code procedure} is {@code SESSION} or {@code WRITTEN} (then with its
     * {@code deadline}); {@code decidedBy} who decided the outcome ({@code CHAIR}, {@code DEADLINE},
     * {@code EARLY_CONCLUSION}); {@code mandates} those of an adopted resolution (null where not read, e.g. in time
     * travel).
     */
    public record ResolutionView(String resolutionId, String title, String text, long version,
                                 ResolutionStatus status, String sponsor, List<String> coSponsors, String sessionId,
                                 List<String> topics, Tally tally, RuleView rule, String reference,
                                 Instant createdAt, Instant updatedAt, String procedure, Instant deadline,
                                 String decidedBy, List<String> addressees, List<String> partners,
                                 List<MandateView> mandates) {

        /** The same resolution with its title and text in another language. */
        ResolutionView translated(String title, String text) {
            return new ResolutionView(resolutionId, title, text, version, status, sponsor, coSponsors, sessionId,
                    topics, tally, rule, reference, createdAt, updatedAt, procedure, deadline, decidedBy, addressees,
                    partners, mandates);
        }

        ResolutionView withMandates(List<MandateView> mandates) {
            return new ResolutionView(resolutionId, title, text, version, status, sponsor, coSponsors, sessionId,
                    topics, tally, rule, reference, createdAt, updatedAt, procedure, deadline, decidedBy, addressees,
                    partners, mandates);
        }
    }


    /** The voting rule in force for this resolution's vote, with a readable description. */
    public record RuleView(VotingRule.Kind kind, int minimumYes, int quorum,
                           VotingRule.AbstentionPolicy abstentions, String description) {
        static RuleView of(VotingRule rule) {
            return rule == null ? null : new RuleView(rule.kind(), rule.minimumYes(), rule.quorum(),
                    rule.abstentions(), rule.describe());
        }
    }

    /** One text version. */
    public record VersionView(String resolutionId, long version, String title, String text, String reason,
                              String author, String origin, String amendmentId, Instant createdAt) {
    }

    /** An amendment tabled by another delegation and what became of it. */
    public record TabledAmendmentView(String amendmentId, long baseVersion, String title, String text, String reason,
                                      String tabledBy, String state, Long acceptedVersion, String declineReason,
                                      Instant tabledAt, Instant decidedAt) {
    }

    /** One delegation's vote on one version. */
    public record VoteView(long version, String delegation, String choice, Instant castAt) {
    }

    /** A word-level diff between two versions. */
    public record DiffView(String resolutionId, long from, long to, List<WordDiff.Edit> edits, String unified) {
    }
}

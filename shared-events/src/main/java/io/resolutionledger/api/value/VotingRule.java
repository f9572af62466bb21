package io.resolutionledger.api.value;

import java.util.Objects;

/**
 * What adoption needs, fixed when a vote opens and copied into that event, so that a later change of the rules of
 * procedure never rewrites an earlier outcome.
 *
 * @param kind         unanimity, qualified majority or simple majority
 * @param minimumYes   for a qualified majority, the least number of YES votes (e.g. 13 of 16); 0 otherwise
 * @param quorum       the least number of votes cast (abstentions included) for any outcome to count
 * @param abstentions  whether an abstention is neutral or weighs like a NO
 */
public record VotingRule(Kind kind, int minimumYes, int quorum, AbstentionPolicy abstentions) {

    public enum Kind {
        /** no NO vote (and, where abstentions weigh as NO, no abstention), at least one YES */
        UNANIMITY,
        /** at least {@code minimumYes} YES votes */
        QUALIFIED_MAJORITY,
        /** more YES than NO votes */
        SIMPLE_MAJORITY
    }

    public enum AbstentionPolicy {
        NEUTRAL, COUNT_AS_NO
    }

    public VotingRule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(abstentions, "abstentions");
        if (minimumYes < 0 || quorum < 0) {
            throw new IllegalArgumentException("minimumYes and quorum are not negative");
        }
        if (kind == Kind.QUALIFIED_MAJORITY && minimumYes < 1) {
            throw new IllegalArgumentException("a qualified majority needs a minimum of at least one YES vote");
        }
    }

    public static VotingRule qualifiedMajority(int minimumYes, int quorum) {
        return new VotingRule(Kind.QUALIFIED_MAJORITY, minimumYes, quorum, AbstentionPolicy.NEUTRAL);
    }

    public static VotingRule unanimity(int quorum) {
        return new VotingRule(Kind.UNANIMITY, 0, quorum, AbstentionPolicy.NEUTRAL);
    }

    public static VotingRule simpleMajority(int quorum) {
        return new VotingRule(Kind.SIMPLE_MAJORITY, 0, quorum, AbstentionPolicy.NEUTRAL);
    }

    /** Whether a tally meets this rule. Pure: the same tally and rule give the same answer on any replay. */
    public boolean isMetBy(Tally tally) {
        if (tally.cast() < quorum) {
            return false;
        }
        int weighingNo = abstentions == AbstentionPolicy.COUNT_AS_NO ? tally.no() + tally.abstain() : tally.no();
        return switch (kind) {
            case UNANIMITY -> tally.yes() >= 1 && weighingNo == 0;
            case QUALIFIED_MAJORITY -> tally.yes() >= minimumYes;
            case SIMPLE_MAJORITY -> tally.yes() > weighingNo;
        };
    }

    /** Human-readable, for error messages and dashboards. */
    public String describe() {
        String base = switch (kind) {
            case UNANIMITY -> "unanimity";
            case QUALIFIED_MAJORITY -> "qualified majority of at least " + minimumYes + " YES votes";
            case SIMPLE_MAJORITY -> "simple majority";
        };
        return base + ", quorum " + quorum + ", abstentions " + abstentions.name().toLowerCase().replace('_', ' ');
    }
}

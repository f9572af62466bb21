package io.resolutionledger.api.value;

import java.util.Objects;

/**
 * What adoption needs, fixed when a vote opens and copied into that event, so that a later change of the rules of
 * procedure never rewrites an earlier outcome.
 *
 * @param kind         unanimity, qualified majority or simple majority
 * @param minimumYes   for a qualified majority, the least number of YES votes (e.g. 13 of 16); 0 otherwise
 * @param quorum       the least number of members present for any outcome to count (in a session without a roll
 *                     call: the members who voted, abstentions included)
 * @param abstentions  whether an abstention is neutral or weighs like a NO
 */
public record VotingRule(Kind kind, int minimumYes, int quorum, AbstentionPolicy abstentions) {

    public enum Kind {
        /**
         * every member present answers and none says NO (where abstentions weigh as NO: every member present says
         * YES), with at least one YES
         */
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

    /**
     * Whether a tally meets this rule in a session without a roll call, where the members present are those who
     * voted.
     */
    public boolean isMetBy(Tally tally) {
        return isMetBy(tally, tally.cast());
    }

    /**
     * Whether a tally meets this rule when {@code presentMembers} members are present. Pure: the same tally, rule and
     * attendance give the same answer on any replay.
     */
    public boolean isMetBy(Tally tally, int presentMembers) {
        if (presentMembers < quorum) {
            return false;
        }
        boolean abstentionIsNo = abstentions == AbstentionPolicy.COUNT_AS_NO;
        int weighingNo = abstentionIsNo ? tally.no() + tally.abstain() : tally.no();
        return switch (kind) {
            // a member present who did not answer withholds consent as surely as a NO
            case UNANIMITY -> tally.yes() >= 1 && weighingNo == 0
                    && (abstentionIsNo ? tally.yes() : tally.yes() + tally.abstain()) >= presentMembers;
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

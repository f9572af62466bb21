package io.resolutionledger.api.value;

/** The count of a vote's answers at one moment. */
public record Tally(int yes, int no, int abstain) {

    public static final Tally EMPTY = new Tally(0, 0, 0);

    public Tally {
        if (yes < 0 || no < 0 || abstain < 0) {
            throw new IllegalArgumentException("a tally counts no negative votes");
        }
    }

    public Tally with(VoteChoice choice) {
        return switch (choice) {
            case YES -> new Tally(yes + 1, no, abstain);
            case NO -> new Tally(yes, no + 1, abstain);
            case ABSTAIN -> new Tally(yes, no, abstain + 1);
        };
    }

    /** Every answer given, abstentions included: what a quorum counts. */
    public int cast() {
        return yes + no + abstain;
    }
}

package io.resolutionledger.command.resolution;

import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;

import java.util.Optional;

/**
 * What a written procedure's vote comes to. No session, so no roll call: the members present are those who answered
 * (abstentions included), as in a session without one. At the deadline the rule decides on the tally cast; before
 * it, the outcome is settled once every way the outstanding members could still answer (or stay silent) gives the
 * same result.
 */
final class WrittenOutcome {

    private WrittenOutcome() {
    }

    static boolean metAtDeadline(VotingRule rule, Tally tally) {
        return rule.isMetBy(tally);
    }

    /**
     * @param outstanding eligible members who have not answered yet
     * @return adopted (true) or rejected (false) whatever the outstanding members do; empty while they can still
     *         change it
     */
    static Optional<Boolean> settled(VotingRule rule, Tally tally, int outstanding) {
        boolean canPass = false;
        boolean canFail = false;
        // at most a few thousand tallies for a conference of tens of members: exact, and plainly right
        for (int yes = 0; yes <= outstanding; yes++) {
            for (int no = 0; yes + no <= outstanding; no++) {
                for (int abstain = 0; yes + no + abstain <= outstanding; abstain++) {
                    Tally possible = new Tally(tally.yes() + yes, tally.no() + no, tally.abstain() + abstain);
                    if (rule.isMetBy(possible)) {
                        canPass = true;
                    } else {
                        canFail = true;
                    }
                    if (canPass && canFail) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(canPass);
    }
}

package io.resolutionledger.command.resolution;

import io.resolutionledger.api.value.Tally;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.resolutionledger.command.support.Dmk.*;
import static org.assertj.core.api.Assertions.assertThat;

/** When the outstanding votes of a written procedure can no longer change its outcome (16 members). */
class WrittenOutcomeTest {

    @Test
    void a_qualified_majority_is_certain_at_thirteen_yes_and_impossible_at_four_no() {
        assertThat(WrittenOutcome.settled(RULE, new Tally(12, 0, 0), 4)).isEmpty();
        assertThat(WrittenOutcome.settled(RULE, new Tally(13, 0, 0), 3)).contains(true);
        assertThat(WrittenOutcome.settled(RULE, new Tally(0, 3, 0), 13)).isEmpty();
        assertThat(WrittenOutcome.settled(RULE, new Tally(0, 4, 0), 12)).contains(false);
        assertThat(WrittenOutcome.settled(RULE, new Tally(2, 1, 1), 12)).isEmpty();
    }

    @Test
    void abstentions_that_count_as_no_end_unanimity_like_a_no() {
        assertThat(WrittenOutcome.settled(UNANIMITY, new Tally(15, 0, 0), 1)).isEmpty();
        assertThat(WrittenOutcome.settled(UNANIMITY, new Tally(5, 0, 1), 10)).contains(false);
        assertThat(WrittenOutcome.settled(UNANIMITY, new Tally(16, 0, 0), 0)).contains(true);
    }

    @Test
    void a_simple_majority_waits_while_the_outstanding_members_could_tip_it() {
        assertThat(WrittenOutcome.settled(SIMPLE_MAJORITY, new Tally(7, 3, 0), 6)).isEmpty();
        // 9 YES of 16: even seven NO leave 9 > 7, and the quorum of nine is there
        assertThat(WrittenOutcome.settled(SIMPLE_MAJORITY, new Tally(9, 0, 0), 7)).contains(true);
        assertThat(WrittenOutcome.settled(SIMPLE_MAJORITY, new Tally(0, 8, 0), 8)).contains(false);
    }

    @Test
    void at_the_deadline_the_members_present_are_those_who_answered() {
        assertThat(WrittenOutcome.metAtDeadline(SIMPLE_MAJORITY, new Tally(5, 3, 0))).isFalse(); // quorum 9
        assertThat(WrittenOutcome.metAtDeadline(SIMPLE_MAJORITY, new Tally(6, 3, 0))).isTrue();
        assertThat(Optional.of(WrittenOutcome.metAtDeadline(RULE, new Tally(13, 3, 0)))).contains(true);
    }
}

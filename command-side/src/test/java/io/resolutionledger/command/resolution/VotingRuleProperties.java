package io.resolutionledger.command.resolution;

import io.resolutionledger.api.value.Tally;
import io.resolutionledger.api.value.VotingRule;
import io.resolutionledger.api.value.VotingRule.AbstentionPolicy;
import io.resolutionledger.api.value.VotingRule.Kind;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of voting rule against random sittings of a 16-member conference: who is present, and how those present
 * voted (some may not answer). Each property states the rule as the rules of procedure word it, independently of how
 * {@link VotingRule#isMetBy(Tally, int)} computes it.
 */
class VotingRuleProperties {

    /** Members present and the answers of some of them. */
    record Sitting(int present, Tally tally) {
        int silent() {
            return present - tally.cast();
        }
    }

    @Provide
    Arbitrary<Sitting> sittings() {
        return Arbitraries.integers().between(0, 16).flatMap(present ->
                Arbitraries.integers().between(0, present).flatMap(yes ->
                        Arbitraries.integers().between(0, present - yes).flatMap(no ->
                                Arbitraries.integers().between(0, present - yes - no)
                                        .map(abstain -> new Sitting(present, new Tally(yes, no, abstain))))));
    }

    @Provide
    Arbitrary<AbstentionPolicy> policies() {
        return Arbitraries.of(AbstentionPolicy.class);
    }

    @Provide
    Arbitrary<VotingRule> rules() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(1, 16),
                        Arbitraries.integers().between(0, 16), Arbitraries.of(AbstentionPolicy.class))
                .as((kind, minimumYes, quorum, policy) ->
                        new VotingRule(kind, kind == Kind.QUALIFIED_MAJORITY ? minimumYes : 0, quorum, policy));
    }

    // ---- unanimity

    @Property
    void unanimity_with_abstentions_as_no_needs_every_member_present_to_say_yes(
            @ForAll("sittings") Sitting s, @ForAll @IntRange(max = 16) int quorum) {
        VotingRule rule = new VotingRule(Kind.UNANIMITY, 0, quorum, AbstentionPolicy.COUNT_AS_NO);
        boolean everyMemberPresentSaysYes = s.present() >= 1 && s.tally().yes() == s.present();
        assertThat(rule.isMetBy(s.tally(), s.present()))
                .isEqualTo(s.present() >= quorum && everyMemberPresentSaysYes);
    }

    @Property
    void unanimity_with_neutral_abstentions_needs_every_member_present_to_answer_and_none_to_say_no(
            @ForAll("sittings") Sitting s, @ForAll @IntRange(max = 16) int quorum) {
        VotingRule rule = new VotingRule(Kind.UNANIMITY, 0, quorum, AbstentionPolicy.NEUTRAL);
        boolean consent = s.tally().no() == 0 && s.tally().yes() >= 1 && s.silent() == 0;
        assertThat(rule.isMetBy(s.tally(), s.present())).isEqualTo(s.present() >= quorum && consent);
    }

    @Property
    void one_no_breaks_unanimity(@ForAll("sittings") Sitting s, @ForAll("policies") AbstentionPolicy policy) {
        VotingRule rule = new VotingRule(Kind.UNANIMITY, 0, 0, policy);
        if (s.tally().no() > 0) {
            assertThat(rule.isMetBy(s.tally(), s.present())).isFalse();
        }
    }

    // ---- qualified majority

    @Property
    void a_qualified_majority_of_n_needs_n_yes_whatever_the_others_do(
            @ForAll("sittings") Sitting s, @ForAll @IntRange(min = 1, max = 16) int n,
            @ForAll @IntRange(max = 16) int quorum, @ForAll("policies") AbstentionPolicy policy) {
        VotingRule rule = new VotingRule(Kind.QUALIFIED_MAJORITY, n, quorum, policy);
        assertThat(rule.isMetBy(s.tally(), s.present())).isEqualTo(s.present() >= quorum && s.tally().yes() >= n);
    }

    // ---- simple majority

    @Property
    void a_simple_majority_needs_more_yes_than_no_abstentions_neutral(
            @ForAll("sittings") Sitting s, @ForAll @IntRange(max = 16) int quorum) {
        VotingRule rule = new VotingRule(Kind.SIMPLE_MAJORITY, 0, quorum, AbstentionPolicy.NEUTRAL);
        assertThat(rule.isMetBy(s.tally(), s.present()))
                .isEqualTo(s.present() >= quorum && s.tally().yes() > s.tally().no());
    }

    @Property
    void a_simple_majority_with_abstentions_as_no_needs_more_yes_than_no_and_abstentions_together(
            @ForAll("sittings") Sitting s, @ForAll @IntRange(max = 16) int quorum) {
        VotingRule rule = new VotingRule(Kind.SIMPLE_MAJORITY, 0, quorum, AbstentionPolicy.COUNT_AS_NO);
        assertThat(rule.isMetBy(s.tally(), s.present()))
                .isEqualTo(s.present() >= quorum && s.tally().yes() > s.tally().no() + s.tally().abstain());
    }

    @Property
    void a_tie_is_never_a_simple_majority(@ForAll @IntRange(max = 8) int each,
                                          @ForAll @IntRange(max = 16) int abstain) {
        Tally tie = new Tally(each, each, abstain);
        int present = tie.cast();
        for (AbstentionPolicy policy : AbstentionPolicy.values()) {
            assertThat(new VotingRule(Kind.SIMPLE_MAJORITY, 0, 0, policy).isMetBy(tie, present)).isFalse();
        }
    }

    // ---- quorum, for every kind

    @Property
    void no_rule_is_met_when_the_quorum_of_members_present_is_missed(
            @ForAll("rules") VotingRule rule, @ForAll("sittings") Sitting s) {
        if (s.present() < rule.quorum()) {
            assertThat(rule.isMetBy(s.tally(), s.present())).isFalse();
        }
    }

    @Property
    void the_quorum_counts_members_present_not_votes_cast(@ForAll("sittings") Sitting s) {
        // 9 present of whom only some answer: a qualified majority of 1 is met once one says YES
        VotingRule rule = VotingRule.qualifiedMajority(1, 9);
        if (s.present() >= 9 && s.tally().yes() >= 1) {
            assertThat(rule.isMetBy(s.tally(), s.present())).isTrue();
        }
    }

    @Property
    void one_more_yes_never_turns_a_met_qualified_or_simple_majority_into_a_missed_one(
            @ForAll("rules") VotingRule rule, @ForAll("sittings") Sitting s) {
        if (rule.kind() != Kind.UNANIMITY && s.silent() > 0 && rule.isMetBy(s.tally(), s.present())) {
            Tally more = new Tally(s.tally().yes() + 1, s.tally().no(), s.tally().abstain());
            assertThat(rule.isMetBy(more, s.present())).isTrue();
        }
    }

    @Property
    void without_a_roll_call_the_members_present_are_those_who_voted(
            @ForAll("rules") VotingRule rule, @ForAll("sittings") Sitting s) {
        assertThat(rule.isMetBy(s.tally())).isEqualTo(rule.isMetBy(s.tally(), s.tally().cast()));
    }

    // ---- the DMK's catalogue, by example

    @Example
    void the_dmk_adopts_an_ordinary_beschluss_with_13_yes_and_not_with_12() {
        VotingRule rule = VotingRule.qualifiedMajority(13, 9);
        assertThat(rule.isMetBy(new Tally(13, 3, 0), 16)).isTrue();
        assertThat(rule.isMetBy(new Tally(12, 0, 4), 16)).isFalse();
        assertThat(rule.isMetBy(new Tally(13, 0, 0), 8)).as("quorum of 9 missed").isFalse();
    }

    @Example
    void the_dmk_changes_its_rules_of_procedure_only_with_every_member_present_saying_yes() {
        VotingRule rule = new VotingRule(Kind.UNANIMITY, 0, 9, AbstentionPolicy.COUNT_AS_NO);
        assertThat(rule.isMetBy(new Tally(14, 0, 0), 14)).isTrue();
        assertThat(rule.isMetBy(new Tally(13, 0, 1), 14)).as("an abstention counts as NO").isFalse();
        assertThat(rule.isMetBy(new Tally(13, 0, 0), 14)).as("a member present did not answer").isFalse();
    }

    @Example
    void a_procedural_matter_passes_with_more_yes_than_no_and_fails_on_a_tie() {
        VotingRule rule = VotingRule.simpleMajority(9);
        assertThat(rule.isMetBy(new Tally(5, 4, 7), 16)).isTrue();
        assertThat(rule.isMetBy(new Tally(5, 5, 6), 16)).isFalse();
    }
}

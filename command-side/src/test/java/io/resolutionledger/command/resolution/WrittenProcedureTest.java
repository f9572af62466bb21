package io.resolutionledger.command.resolution;

import io.resolutionledger.api.command.*;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;
import io.resolutionledger.command.clock.BusinessClock;
import io.resolutionledger.command.support.FixedDirectories;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.FixedDirectories.SCHEDULED_SESSION;
import static io.resolutionledger.command.support.Refusals.refused;

/**
 * A written procedure (Umlaufverfahren) on a resolution of a session that has not met: every outcome. Time is the
 * fixture's clock, moved by the test ({@code whenTimeAdvancesTo}); the aggregate reads the same clock, and the
 * fixture's deadline manager fires what is due when it moves. Nothing sleeps.
 */
class WrittenProcedureTest {

    static final Instant NOW = Instant.parse("2024-05-02T08:00:00Z");
    static final Instant DEADLINE = Instant.parse("2024-05-17T10:00:00Z");
    static final ResolutionId R = ResolutionId.of("r-w");
    static final ResolutionProposed PROPOSED = new ResolutionProposed(R, ID, SCHEDULED_SESSION,
            "Pilotstudie Digitalisierung der Wirtschaft", "Die DMK beauftragt …", List.of("measurement"), BE,
            List.of(), BE, NOW);
    static final WrittenProcedureOpened WRITTEN = new WrittenProcedureOpened(R, DEADLINE, BE, NOW);

    private AggregateTestFixture<Resolution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Resolution.class);
        fixture.registerInjectableResource(new FixedDirectories());
        // the service's clock: the fixture's time as the wall clock, a command's declared business time (an import's
        // occurredAt, in its metadata) where it declares one
        fixture.registerInjectableResource(new BusinessClock(new FixtureClock(fixture)));
        fixture.registerInjectableResource(RULES);
    }

    /** The aggregate's clock is the fixture's: moved by {@code givenCurrentTime} and {@code whenTimeAdvancesTo}. */
    private static final class FixtureClock extends Clock {
        private final AggregateTestFixture<?> fixture;

        FixtureClock(AggregateTestFixture<?> fixture) {
            this.fixture = fixture;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return fixture.currentTime();
        }
    }

    private static VoteOpened opened(String ruleName, VotingRule rule) {
        return new VoteOpened(R, SCHEDULED_SESSION, 1, ruleName, rule, MEMBERS, BE, NOW);
    }

    /** Votes of the first members in the list: yes, then no, then abstentions. */
    private static List<Object> votes(int yes, int no, int abstain) {
        List<Object> events = new ArrayList<>();
        int i = 0;
        for (int n = 0; n < yes; n++) events.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(i++), NOW));
        for (int n = 0; n < no; n++) events.add(new VoteCast(R, 1, VoteChoice.NO, MEMBERS.get(i++), NOW));
        for (int n = 0; n < abstain; n++) events.add(new VoteCast(R, 1, VoteChoice.ABSTAIN, MEMBERS.get(i++), NOW));
        return events;
    }

    /** Proposed, then opened in writing by the chair through the command, so that its deadline is scheduled. */
    private TestExecutor<Resolution> givenOpenedInWriting(String rule) {
        return fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .andGivenCommands(new OpenWrittenProcedure(R, DEADLINE, rule, BE));
    }

    @Test
    void the_chair_opens_a_written_procedure_without_a_session_and_its_deadline_is_scheduled() {
        fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, DEADLINE, "unanimity", BE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(WRITTEN, opened("unanimity", UNANIMITY))
                .expectScheduledDeadlineOfType(DEADLINE, WrittenProcedureDeadline.class);
    }

    @Test
    void without_a_rule_the_default_of_the_catalogue_applies() {
        fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, DEADLINE, null, BB))
                .expectEvents(new WrittenProcedureOpened(R, DEADLINE, BB, NOW),
                        new VoteOpened(R, SCHEDULED_SESSION, 1, "qualified-majority", RULE, MEMBERS, BB, NOW));
    }

    @Test
    void only_the_chair_of_the_sessions_date_opens_a_written_procedure() {
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, DEADLINE, null, BY)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void a_written_procedure_on_a_resolution_that_is_not_proposed_is_refused() {
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .when(new OpenWrittenProcedure(R, DEADLINE, null, BE)), ErrorCode.INVALID_STATE_TRANSITION);
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED, new ResolutionWithdrawn(R, "erledigt", BE, NOW))
                .when(new OpenWrittenProcedure(R, DEADLINE, null, BE)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void a_deadline_that_is_not_in_the_future_is_refused() {
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, NOW, null, BE)), ErrorCode.VALIDATION_FAILED);
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, null, null, BE)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void an_unknown_rule_is_refused() {
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, DEADLINE, "two-thirds", BE)), ErrorCode.UNKNOWN_RULE);
    }

    @Test
    void members_vote_in_writing_although_the_session_has_not_opened() {
        givenOpenedInWriting(null)
                .when(new CastVote(R, VoteChoice.YES, BY))
                .expectEvents(new VoteCast(R, 1, VoteChoice.YES, BY, NOW));
    }

    @Test
    void at_the_deadline_the_ledger_adopts_when_the_rule_is_met() {
        // simple majority, 7 YES 3 NO: six members could still have tipped it, so nothing was settled before
        givenOpenedInWriting("simple-majority").andGiven(votes(7, 3, 0))
                .whenTimeAdvancesTo(DEADLINE)
                .expectEvents(new ResolutionAdopted(R, SCHEDULED_SESSION, 1, new Tally(7, 3, 0), SIMPLE_MAJORITY,
                        DecidedBy.DEADLINE, null, DEADLINE))
                .expectTriggeredDeadlinesOfType(WrittenProcedureDeadline.class);
    }

    @Test
    void at_the_deadline_the_ledger_rejects_when_the_rule_is_not_met() {
        givenOpenedInWriting(null).andGiven(votes(10, 2, 1))
                .whenTimeAdvancesTo(DEADLINE)
                .expectEvents(new ResolutionRejected(R, SCHEDULED_SESSION, 1, new Tally(10, 2, 1), RULE,
                        "the tally 10 yes, 2 no, 1 abstaining at the deadline does not meet the rule in force ("
                                + RULE.describe() + ")", DecidedBy.DEADLINE, null, DEADLINE));
    }

    @Test
    void a_written_procedure_nobody_answered_is_rejected_at_the_deadline_for_want_of_a_quorum() {
        givenOpenedInWriting("simple-majority")
                .whenTimeAdvancesTo(DEADLINE.plus(Duration.ofHours(3)))
                .expectEvents(new ResolutionRejected(R, SCHEDULED_SESSION, 1, Tally.EMPTY, SIMPLE_MAJORITY,
                        "the tally 0 yes, 0 no, 0 abstaining at the deadline does not meet the rule in force ("
                                + SIMPLE_MAJORITY.describe() + ")", DecidedBy.DEADLINE, null, DEADLINE));
    }

    @Test
    void nothing_is_decided_before_the_deadline() {
        givenOpenedInWriting(null).andGiven(votes(10, 2, 1))
                .whenTimeAdvancesTo(DEADLINE.minusSeconds(1))
                .expectNoEvents()
                .expectScheduledDeadlineOfType(DEADLINE, WrittenProcedureDeadline.class);
    }

    @Test
    void the_vote_that_makes_the_outcome_certain_adopts_at_once_and_cancels_the_deadline() {
        // 13 of 16 YES is a qualified majority whatever the last three answer
        givenOpenedInWriting(null).andGiven(votes(12, 0, 0))
                .when(new CastVote(R, VoteChoice.YES, MEMBERS.get(12)))
                .expectEvents(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(12), NOW),
                        new ResolutionAdopted(R, SCHEDULED_SESSION, 1, new Tally(13, 0, 0), RULE,
                                DecidedBy.EARLY_CONCLUSION, null, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void the_vote_that_makes_adoption_impossible_rejects_at_once() {
        // four NO leave at most 12 YES
        givenOpenedInWriting(null).andGiven(votes(5, 3, 0))
                .when(new CastVote(R, VoteChoice.NO, MEMBERS.get(8)))
                .expectEvents(new VoteCast(R, 1, VoteChoice.NO, MEMBERS.get(8), NOW),
                        new ResolutionRejected(R, SCHEDULED_SESSION, 1, new Tally(5, 4, 0), RULE,
                                "the tally 5 yes, 4 no, 0 abstaining whatever the outstanding votes does not meet the"
                                        + " rule in force (" + RULE.describe() + ")",
                                DecidedBy.EARLY_CONCLUSION, null, NOW))
                .expectNoScheduledDeadlines();
    }

    @Test
    void one_no_ends_a_written_procedure_under_unanimity() {
        givenOpenedInWriting("unanimity").andGiven(votes(3, 0, 0))
                .when(new CastVote(R, VoteChoice.NO, MEMBERS.get(3)))
                .expectEvents(new VoteCast(R, 1, VoteChoice.NO, MEMBERS.get(3), NOW),
                        new ResolutionRejected(R, SCHEDULED_SESSION, 1, new Tally(3, 1, 0), UNANIMITY,
                                "the tally 3 yes, 1 no, 0 abstaining whatever the outstanding votes does not meet the"
                                        + " rule in force (" + UNANIMITY.describe() + ")",
                                DecidedBy.EARLY_CONCLUSION, null, NOW));
    }

    @Test
    void a_vote_after_the_deadline_is_refused_even_before_the_ledger_has_decided() {
        refused(fixture.givenCurrentTime(DEADLINE).andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .when(new CastVote(R, VoteChoice.YES, BY)), ErrorCode.DEADLINE_PASSED);
    }

    @Test
    void the_chair_neither_adopts_nor_rejects_a_written_procedure() {
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .andGiven(votes(14, 0, 0))
                .when(new AdoptResolution(R, BE)), ErrorCode.DECIDED_BY_DEADLINE);
        refused(fixture.givenCurrentTime(NOW).andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .when(new RejectResolution(R, "zu spät", BE)), ErrorCode.DECIDED_BY_DEADLINE);
    }

    @Test
    void a_member_votes_once_in_writing_too() {
        refused(givenOpenedInWriting(null).andGiven(new VoteCast(R, 1, VoteChoice.YES, BY, NOW))
                .when(new CastVote(R, VoteChoice.NO, BY)), ErrorCode.ALREADY_VOTED);
    }

    @Test
    void a_guest_does_not_vote_in_writing() {
        refused(givenOpenedInWriting(null).when(new CastVote(R, VoteChoice.YES, BSI)), ErrorCode.GUEST_ACTING);
    }

    // ---- the end recorded after the deadline (an import, or a deadline no scheduler fired)

    @Test
    void a_procedure_recorded_after_its_deadline_schedules_no_job_that_would_decide_before_its_votes_are_in() {
        // the wall clock is a month past the deadline; the import's line declares the business time NOW
        fixture.givenCurrentTime(DEADLINE.plus(Duration.ofDays(30))).andGiven(PROPOSED)
                .when(new OpenWrittenProcedure(R, DEADLINE, "unanimity", BE),
                        Map.of(EventMetadata.OCCURRED_AT, NOW.toString()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(WRITTEN, opened("unanimity", UNANIMITY))
                .expectNoScheduledDeadlines();
    }

    @Test
    void after_the_deadline_the_chair_records_the_decision_the_deadline_gives() {
        fixture.givenCurrentTime(DEADLINE.plus(Duration.ofHours(2)))
                .andGiven(PROPOSED, WRITTEN, opened("simple-majority", SIMPLE_MAJORITY)).andGiven(votes(7, 3, 0))
                .when(new ConcludeWrittenProcedure(R, BE, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ResolutionAdopted(R, SCHEDULED_SESSION, 1, new Tally(7, 3, 0), SIMPLE_MAJORITY,
                        DecidedBy.DEADLINE, null, DEADLINE));
    }

    @Test
    void an_administrator_records_a_rejection_at_the_deadline_as_well() {
        fixture.givenCurrentTime(DEADLINE)
                .andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE)).andGiven(votes(10, 2, 1))
                .when(new ConcludeWrittenProcedure(R, null, true))
                .expectEvents(new ResolutionRejected(R, SCHEDULED_SESSION, 1, new Tally(10, 2, 1), RULE,
                        "the tally 10 yes, 2 no, 1 abstaining at the deadline does not meet the rule in force ("
                                + RULE.describe() + ")", DecidedBy.DEADLINE, null, DEADLINE));
    }

    @Test
    void the_end_is_not_recorded_before_the_deadline_nor_twice_nor_by_others() {
        refused(fixture.givenCurrentTime(DEADLINE.minusSeconds(1))
                .andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .when(new ConcludeWrittenProcedure(R, BE, false)), ErrorCode.DEADLINE_NOT_REACHED);
        refused(fixture.givenCurrentTime(DEADLINE)
                .andGiven(PROPOSED, WRITTEN, opened("qualified-majority", RULE))
                .when(new ConcludeWrittenProcedure(R, BY, false)), ErrorCode.NOT_CHAIR);
        refused(fixture.givenCurrentTime(DEADLINE)
                .andGiven(PROPOSED, WRITTEN, opened("simple-majority", SIMPLE_MAJORITY)).andGiven(votes(7, 3, 0))
                .andGiven(new ResolutionAdopted(R, SCHEDULED_SESSION, 1, new Tally(7, 3, 0), SIMPLE_MAJORITY,
                        DecidedBy.DEADLINE, null, DEADLINE))
                .when(new ConcludeWrittenProcedure(R, null, true)), ErrorCode.INVALID_STATE_TRANSITION);
        // a vote in a session is the chair's to decide, never concluded like a written one
        refused(fixture.givenCurrentTime(DEADLINE).andGiven(PROPOSED, opened("qualified-majority", RULE))
                .when(new ConcludeWrittenProcedure(R, null, true)), ErrorCode.INVALID_STATE_TRANSITION);
    }
}

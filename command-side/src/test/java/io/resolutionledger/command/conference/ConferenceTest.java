package io.resolutionledger.command.conference;

import io.resolutionledger.api.command.EstablishConference;
import io.resolutionledger.api.command.HandOverChair;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.Refusals.refusal;
import static io.resolutionledger.command.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class ConferenceTest {

    static final Instant NOW = Instant.parse("2024-04-19T08:00:00Z");
    static final ConferenceEstablished ESTABLISHED =
            new ConferenceEstablished(ID, "DMK", MEMBERS, GUESTS, null, NOW);
    static final ChairHandedOver FIRST_CHAIR = new ChairHandedOver(ID, 2024, List.of(), List.of(BE, BB),
            LocalDate.of(2024, 1, 1), null, NOW);

    private AggregateTestFixture<Conference> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Conference.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(ChairRules.DEFAULT);
    }

    private static AggregateTestFixture<Conference> at(String instant, ChairRules rules) {
        AggregateTestFixture<Conference> f = new AggregateTestFixture<>(Conference.class);
        f.registerInjectableResource(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
        f.registerInjectableResource(rules);
        return f;
    }

    private static final HandOverChair BE_TO_RP = new HandOverChair(ID, 2025, List.of(RP), LocalDate.of(2025, 1, 1),
            BE, false);

    @Test
    void the_chair_of_next_year_is_handed_over_during_this_year() {
        at("2024-11-20T10:00:00Z", ChairRules.DEFAULT).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP)
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void the_holders_cannot_hand_over_years_ahead_before_their_own_year() {
        refused(at("2023-10-01T10:00:00Z", ChairRules.DEFAULT).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP),
                ErrorCode.HANDOVER_OUTSIDE_TERM);
    }

    @Test
    void a_lead_time_in_the_rules_allows_the_hand_over_before_the_year() {
        ChairRules early = new ChairRules(java.time.Period.ofMonths(3), java.time.Period.ofDays(14), false,
                java.time.ZoneId.of("Europe/Berlin"));
        at("2023-10-15T10:00:00Z", early).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP)
                .expectSuccessfulHandlerExecution();
        refused(at("2023-09-15T10:00:00Z", early).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP),
                ErrorCode.HANDOVER_OUTSIDE_TERM);
    }

    @Test
    void a_former_chair_cannot_hand_over_once_its_year_and_the_recording_window_are_past() {
        // recorded late inside the window: fine; after it, only the history import records it
        at("2025-01-10T10:00:00Z", ChairRules.DEFAULT).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP)
                .expectSuccessfulHandlerExecution();
        refused(at("2025-02-01T10:00:00Z", ChairRules.DEFAULT).given(ESTABLISHED, FIRST_CHAIR).when(BE_TO_RP),
                ErrorCode.HANDOVER_OUTSIDE_TERM);
    }

    @Test
    void the_chair_cannot_hand_the_chair_to_itself() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(BE), LocalDate.of(2025, 1, 1), BE, false)),
                ErrorCode.SECOND_TERM_NOT_ALLOWED);
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(BB, RP), LocalDate.of(2025, 1, 1), BE, false)),
                ErrorCode.SECOND_TERM_NOT_ALLOWED);
    }

    @Test
    void rules_of_procedure_that_allow_a_second_term_let_the_chair_continue() {
        ChairRules secondTerm = new ChairRules(java.time.Period.ZERO, java.time.Period.ofDays(14), true,
                java.time.ZoneId.of("Europe/Berlin"));
        at("2024-11-20T10:00:00Z", secondTerm).given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(BE), LocalDate.of(2025, 1, 1), BE, false))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_conference_is_established_with_its_members_and_guests() {
        fixture.givenNoPriorActivity()
                .when(new EstablishConference(ID, "DMK", MEMBERS.stream().sorted(java.util.Comparator.reverseOrder()).toList(), GUESTS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ESTABLISHED);
    }

    @Test
    void a_delegation_cannot_be_member_and_guest() {
        fixture.givenNoPriorActivity()
                .when(new EstablishConference(ID, "DMK", MEMBERS, List.of(BY)))
                .expectNoEvents().expectException(refusal(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void an_administrator_sets_the_first_chair() {
        fixture.given(ESTABLISHED)
                .when(new HandOverChair(ID, 2024, List.of(BE, BB), LocalDate.of(2024, 1, 1), null, true))
                .expectEvents(FIRST_CHAIR);
    }

    @Test
    void a_delegation_cannot_set_the_first_chair() {
        refused(fixture.given(ESTABLISHED)
                .when(new HandOverChair(ID, 2024, List.of(BE), LocalDate.of(2024, 1, 1), BE, false)), ErrorCode.NO_CHAIR_YET);
    }

    @Test
    void an_administrator_cannot_hand_over_a_chair_already_held() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(RP), LocalDate.of(2025, 1, 1), null, true)), ErrorCode.CHAIR_ALREADY_SET);
    }

    @Test
    void a_holder_of_the_chair_hands_it_over_to_the_next_year() {
        fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(RP), LocalDate.of(2025, 1, 1), BB, false))
                .expectEvents(new ChairHandedOver(ID, 2025, List.of(BE, BB), List.of(RP), LocalDate.of(2025, 1, 1), BB, NOW));
    }

    @Test
    void a_delegation_not_holding_the_chair_cannot_hand_it_over() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(RP), LocalDate.of(2025, 1, 1), RP, false)), ErrorCode.NOT_HOLDER_OF_CHAIR);
    }

    @Test
    void a_hand_over_cannot_skip_a_year() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2026, List.of(RP), LocalDate.of(2026, 1, 1), BE, false)), ErrorCode.HANDOVER_SKIPS_YEAR);
    }

    @Test
    void the_chair_is_held_by_at_most_two_delegations() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(RP, SL, SN), LocalDate.of(2025, 1, 1), BE, false)),
                ErrorCode.TOO_MANY_CHAIR_HOLDERS);
    }

    @Test
    void only_members_hold_the_chair() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(BSI), LocalDate.of(2025, 1, 1), BE, false)), ErrorCode.NOT_A_MEMBER);
    }

    @Test
    void the_hand_over_takes_effect_within_its_year() {
        refused(fixture.given(ESTABLISHED, FIRST_CHAIR)
                .when(new HandOverChair(ID, 2025, List.of(RP), LocalDate.of(2024, 12, 1), BE, false)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void the_chair_on_a_day_follows_the_hand_overs() {
        ConferenceFacts facts = new ConferenceFacts(ID, java.util.Set.copyOf(MEMBERS), java.util.Set.copyOf(GUESTS),
                List.of(new ConferenceFacts.ChairTerm(2025, List.of(RP), LocalDate.of(2025, 1, 1)),
                        new ConferenceFacts.ChairTerm(2024, List.of(BE, BB), LocalDate.of(2024, 1, 1))));
        assertThat(facts.chairOn(LocalDate.of(2023, 12, 31))).isEmpty();
        assertThat(facts.chairOn(LocalDate.of(2024, 4, 19))).containsExactly(BE, BB);
        assertThat(facts.chairOn(LocalDate.of(2024, 12, 31))).containsExactly(BE, BB);
        assertThat(facts.chairOn(LocalDate.of(2025, 1, 1))).containsExactly(RP);
    }
}

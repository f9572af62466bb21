package io.resolutionledger.command.resolution;

import io.resolutionledger.api.command.*;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.*;
import io.resolutionledger.command.support.FixedDirectories;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.FixedDirectories.*;
import static io.resolutionledger.command.support.Refusals.refused;

class ResolutionTest {

    static final Instant NOW = Instant.parse("2024-04-19T09:30:00Z");
    static final ResolutionId R = ResolutionId.of("r-1");
    static final AmendmentId A = AmendmentId.of("a-1");
    static final String TEXT = "Die DMK setzt sich für datengetriebene Smart-City-Lösungen ein.";

    static final ResolutionProposed PROPOSED = new ResolutionProposed(R, ID, OPEN_SESSION, "Ressourcennutzung",
            TEXT, List.of("smart-city"), BB, List.of(BE), BB, NOW);
    static final VoteOpened VOTE_OPENED = new VoteOpened(R, OPEN_SESSION, 1, "qualified-majority", RULE, MEMBERS, BE, NOW);

    private AggregateTestFixture<Resolution> fixture;
    private FixedDirectories directories;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Resolution.class);
        directories = new FixedDirectories();
        fixture.registerInjectableResource(directories);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(RULES);
        fixture.registerInjectableResource(new TranslationLanguages("de", java.util.Set.of("en", "fr")));
    }

    private TestExecutor<Resolution> givenProposed() {
        return fixture.given(PROPOSED);
    }

    private static List<Object> votes(int yes, int no, int abstain) {
        List<Object> events = new ArrayList<>(List.of(PROPOSED, VOTE_OPENED));
        int i = 0;
        for (int n = 0; n < yes; n++) events.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(i++), NOW));
        for (int n = 0; n < no; n++) events.add(new VoteCast(R, 1, VoteChoice.NO, MEMBERS.get(i++), NOW));
        for (int n = 0; n < abstain; n++) events.add(new VoteCast(R, 1, VoteChoice.ABSTAIN, MEMBERS.get(i++), NOW));
        return events;
    }

    // ---- proposing

    @Test
    void a_member_proposes_a_resolution_as_its_sponsor() {
        fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, " Ressourcennutzung ", TEXT, List.of("smart-city"), List.of(BE), BB))
                .expectSuccessfulHandlerExecution()
                .expectEvents(PROPOSED);
    }

    @Test
    void a_guest_cannot_propose() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(), List.of(), BSI)), ErrorCode.GUEST_ACTING);
    }

    @Test
    void an_outsider_cannot_propose() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(), List.of(), OUTSIDER)), ErrorCode.NOT_A_MEMBER);
    }

    @Test
    void a_proposal_needs_a_known_session() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, SessionId.of("nope"), "T", TEXT, List.of(), List.of(), BB)), ErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void a_proposal_for_a_closed_session_is_refused() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, CLOSED_SESSION, "T", TEXT, List.of(), List.of(), BB)), ErrorCode.SESSION_CLOSED);
    }

    @Test
    void an_informal_meeting_takes_no_proposals_and_no_resolution_moves_to_one() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, INFORMAL_SESSION, "T", TEXT, List.of(), List.of(), BB)),
                ErrorCode.INFORMAL_SESSION);
        refused(givenProposed().when(new TransferResolution(R, INFORMAL_SESSION, BE)), ErrorCode.INFORMAL_SESSION);
    }

    @Test
    void a_proposal_needs_a_title_and_a_text() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, " ", TEXT, List.of(), List.of(), BB)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void co_sponsors_are_members_other_than_the_sponsor() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(), List.of(BB), BB)), ErrorCode.VALIDATION_FAILED);
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(), List.of(BSI), BB)), ErrorCode.GUEST_ACTING);
    }

    // ---- amending directly

    @Test
    void the_sponsor_amends_the_text_into_a_new_version() {
        givenProposed().when(new AmendResolution(R, 1, null, "neu", "Präzisierung", BB))
                .expectResultMessagePayload(2L)
                .expectEvents(new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", "Präzisierung", BB, NOW));
    }

    @Test
    void a_co_sponsor_amends_the_text_and_title() {
        givenProposed().when(new AmendResolution(R, 1, "Neuer Titel", "neu", null, BE))
                .expectEvents(new ResolutionAmended(R, 2, "Neuer Titel", "neu", null, BE, NOW));
    }

    @Test
    void another_delegation_cannot_amend_directly() {
        refused(givenProposed().when(new AmendResolution(R, 1, null, "neu", null, BY)), ErrorCode.NOT_SPONSOR);
    }

    @Test
    void an_amendment_at_a_stale_version_is_refused() {
        refused(fixture.given(PROPOSED, new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", null, BB, NOW))
                .when(new AmendResolution(R, 1, null, "neuer", null, BB)), ErrorCode.VERSION_CONFLICT);
    }

    @Test
    void the_text_is_frozen_once_the_vote_opened() {
        refused(fixture.given(PROPOSED, VOTE_OPENED)
                .when(new AmendResolution(R, 1, null, "neu", null, BB)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    // ---- tabled amendments

    @Test
    void another_member_tables_an_amendment_against_the_current_version() {
        givenProposed().when(new TableAmendment(R, A, null, "Gegenvorschlag", "klarer", BY))
                .expectEvents(new AmendmentTabled(R, A, 1, null, "Gegenvorschlag", "klarer", BY, NOW));
    }

    @Test
    void a_sponsor_cannot_table_an_amendment_to_its_own_resolution() {
        refused(givenProposed().when(new TableAmendment(R, A, null, "x", null, BE)), ErrorCode.SPONSOR_CANNOT_TABLE);
    }

    @Test
    void a_guest_cannot_table_an_amendment() {
        refused(givenProposed().when(new TableAmendment(R, A, null, "x", null, BMDS)), ErrorCode.GUEST_ACTING);
    }

    @Test
    void the_sponsor_accepts_a_tabled_amendment_into_a_new_version() {
        fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, "Neuer Titel", "Gegenvorschlag", null, BY, NOW))
                .when(new AcceptTabledAmendment(R, A, 1, BB))
                .expectResultMessagePayload(2L)
                .expectEvents(new TabledAmendmentAccepted(R, A, 2, "Neuer Titel", "Gegenvorschlag", BY, BB, NOW));
    }

    @Test
    void only_the_sponsor_accepts_a_tabled_amendment() {
        refused(fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, null, "x", null, BY, NOW))
                .when(new AcceptTabledAmendment(R, A, 1, BE)), ErrorCode.NOT_SPONSOR);
    }

    @Test
    void an_amendment_tabled_against_an_older_version_cannot_be_accepted() {
        refused(fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, null, "x", null, BY, NOW),
                        new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", null, BB, NOW))
                .when(new AcceptTabledAmendment(R, A, 2, BB)), ErrorCode.AMENDMENT_OUTDATED);
    }

    @Test
    void accepting_at_a_stale_version_is_refused() {
        refused(fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, null, "x", null, BY, NOW))
                .when(new AcceptTabledAmendment(R, A, 7, BB)), ErrorCode.VERSION_CONFLICT);
    }

    @Test
    void an_unknown_amendment_cannot_be_answered() {
        refused(givenProposed().when(new AcceptTabledAmendment(R, A, 1, BB)), ErrorCode.AMENDMENT_NOT_FOUND);
    }

    @Test
    void the_sponsor_declines_a_tabled_amendment_once() {
        fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, null, "x", null, BY, NOW))
                .when(new DeclineTabledAmendment(R, A, "nicht zielführend", BB))
                .expectEvents(new TabledAmendmentDeclined(R, A, "nicht zielführend", BB, NOW));
        refused(fixture.given(PROPOSED, new AmendmentTabled(R, A, 1, null, "x", null, BY, NOW),
                        new TabledAmendmentDeclined(R, A, "nein", BB, NOW))
                .when(new AcceptTabledAmendment(R, A, 1, BB)), ErrorCode.AMENDMENT_NOT_PENDING);
    }

    // ---- co-sponsoring and withdrawal

    @Test
    void a_member_joins_as_co_sponsor() {
        givenProposed().when(new CoSponsorResolution(R, HE)).expectEvents(new CoSponsorJoined(R, HE, NOW));
    }

    @Test
    void a_sponsor_cannot_join_twice() {
        refused(givenProposed().when(new CoSponsorResolution(R, BE)), ErrorCode.ALREADY_COSPONSOR);
    }

    @Test
    void a_guest_cannot_co_sponsor() {
        refused(givenProposed().when(new CoSponsorResolution(R, BSI)), ErrorCode.GUEST_ACTING);
    }

    @Test
    void the_sponsor_withdraws_its_proposal() {
        givenProposed().when(new WithdrawResolution(R, "überholt", BB))
                .expectEvents(new ResolutionWithdrawn(R, "überholt", BB, NOW));
    }

    @Test
    void a_co_sponsor_cannot_withdraw() {
        refused(givenProposed().when(new WithdrawResolution(R, "x", BE)), ErrorCode.NOT_SPONSOR);
    }

    @Test
    void a_withdrawn_resolution_cannot_be_amended() {
        refused(fixture.given(PROPOSED, new ResolutionWithdrawn(R, "x", BB, NOW))
                .when(new AmendResolution(R, 1, null, "neu", null, BB)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    // ---- the vote

    @Test
    void the_chair_of_the_session_day_opens_the_vote_with_the_rule_in_force() {
        givenProposed().when(new OpenVote(R, null, BE))
                .expectResultMessagePayload(VOTE_OPENED)
                .expectEvents(VOTE_OPENED);
    }

    @Test
    void the_chair_names_a_rule_of_the_catalogue_and_it_is_frozen_into_the_vote() {
        VoteOpened unanimous = new VoteOpened(R, OPEN_SESSION, 1, "unanimity", UNANIMITY, MEMBERS, BE, NOW);
        givenProposed().when(new OpenVote(R, "unanimity", BE))
                .expectResultMessagePayload(unanimous)
                .expectEvents(unanimous);
    }

    @Test
    void a_rule_the_catalogue_does_not_name_is_refused() {
        refused(givenProposed().when(new OpenVote(R, "two-thirds", BE)), ErrorCode.UNKNOWN_RULE);
    }

    @Test
    void a_vote_under_unanimity_is_adopted_only_when_every_member_present_says_yes() {
        List<Object> history = new ArrayList<>(List.of(PROPOSED,
                new VoteOpened(R, OPEN_SESSION, 1, "unanimity", UNANIMITY, MEMBERS, BE, NOW)));
        for (int i = 0; i < 15; i++) history.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(i), NOW));
        history.add(new VoteCast(R, 1, VoteChoice.ABSTAIN, MEMBERS.get(15), NOW));
        refused(fixture.given(history).when(new AdoptResolution(R, BE)), ErrorCode.RULE_NOT_MET);
    }

    @Test
    void no_vote_opens_in_a_closed_session() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.CLOSED);
        refused(givenProposed().when(new OpenVote(R, null, BE)), ErrorCode.SESSION_CLOSED);
    }

    // ---- attendance and quorum

    @Test
    void once_the_roll_is_called_a_member_not_present_may_not_vote() {
        directories.present(OPEN_SESSION, List.of(BE, BB, BY));
        refused(fixture.given(PROPOSED, VOTE_OPENED).when(new CastVote(R, VoteChoice.YES, TH)), ErrorCode.NOT_PRESENT);
    }

    @Test
    void a_member_recorded_present_votes() {
        directories.present(OPEN_SESSION, List.of(BE, BB, BY));
        fixture.given(PROPOSED, VOTE_OPENED).when(new CastVote(R, VoteChoice.YES, BY))
                .expectEvents(new VoteCast(R, 1, VoteChoice.YES, BY, NOW));
    }

    @Test
    void the_quorum_counts_members_present_so_eight_present_cannot_adopt_even_unanimously() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.OPEN);
        directories.present(OPEN_SESSION, MEMBERS.subList(0, 8));
        List<Object> history = new ArrayList<>(List.of(PROPOSED,
                new VoteOpened(R, OPEN_SESSION, 1, "simple-majority", SIMPLE_MAJORITY, MEMBERS, BE, NOW)));
        for (int i = 0; i < 8; i++) history.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(i), NOW));
        refused(fixture.given(history).when(new AdoptResolution(R, BE)), ErrorCode.RULE_NOT_MET);
    }

    @Test
    void with_nine_members_present_a_simple_majority_of_those_voting_adopts() {
        directories.present(OPEN_SESSION, MEMBERS.subList(0, 9));
        List<Object> history = new ArrayList<>(List.of(PROPOSED,
                new VoteOpened(R, OPEN_SESSION, 1, "simple-majority", SIMPLE_MAJORITY, MEMBERS, BE, NOW)));
        history.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(0), NOW));
        history.add(new VoteCast(R, 1, VoteChoice.YES, MEMBERS.get(1), NOW));
        history.add(new VoteCast(R, 1, VoteChoice.NO, MEMBERS.get(2), NOW));
        fixture.given(history).when(new AdoptResolution(R, BE))
                .expectEvents(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(2, 1, 0), SIMPLE_MAJORITY, BE, NOW));
    }

    // ---- closing the session ends its votes

    @Test
    void once_the_session_closed_no_more_votes_are_cast() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.CLOSED);
        refused(fixture.given(PROPOSED, VOTE_OPENED).when(new CastVote(R, VoteChoice.YES, BY)), ErrorCode.SESSION_CLOSED);
    }

    @Test
    void after_the_session_closed_the_chair_still_adopts_on_the_votes_cast() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.CLOSED);
        fixture.given(votes(13, 2, 1)).when(new AdoptResolution(R, BB))
                .expectEvents(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(13, 2, 1), RULE, BB, NOW));
    }

    @Test
    void after_the_session_closed_the_chair_still_rejects_on_the_votes_cast() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.CLOSED);
        fixture.given(votes(3, 10, 3)).when(new RejectResolution(R, "Sitzung beendet", BE))
                .expectEvents(new ResolutionRejected(R, OPEN_SESSION, 1, new Tally(3, 10, 3), RULE, "Sitzung beendet", BE, NOW));
    }

    // ---- transfer to a coming session

    @Test
    void the_chair_transfers_a_resolution_not_yet_voted_to_a_coming_session() {
        givenProposed().when(new TransferResolution(R, SCHEDULED_SESSION, BB))
                .expectEvents(new ResolutionTransferred(R, OPEN_SESSION, SCHEDULED_SESSION, BB, NOW));
        givenProposed().when(new TransferResolution(R, POSTPONED_SESSION, BB)).expectSuccessfulHandlerExecution();
    }

    @Test
    void a_transferred_resolution_is_voted_on_in_its_new_session() {
        // the scheduled session is not open: the vote waits for it
        refused(fixture.given(PROPOSED, new ResolutionTransferred(R, OPEN_SESSION, SCHEDULED_SESSION, BB, NOW))
                .when(new OpenVote(R, null, BE)), ErrorCode.SESSION_NOT_OPEN);
    }

    @Test
    void a_resolution_in_voting_is_not_transferred() {
        refused(fixture.given(PROPOSED, VOTE_OPENED).when(new TransferResolution(R, SCHEDULED_SESSION, BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void a_transfer_goes_to_a_coming_session_only() {
        refused(givenProposed().when(new TransferResolution(R, CLOSED_SESSION, BE)), ErrorCode.SESSION_CLOSED);
        refused(givenProposed().when(new TransferResolution(R, CANCELLED_SESSION, BE)), ErrorCode.INVALID_STATE_TRANSITION);
        refused(givenProposed().when(new TransferResolution(R, OPEN_SESSION, BE)), ErrorCode.VALIDATION_FAILED);
        refused(givenProposed().when(new TransferResolution(R, SessionId.of("nope"), BE)), ErrorCode.SESSION_NOT_FOUND);
    }

    @Test
    void only_the_chair_transfers() {
        refused(givenProposed().when(new TransferResolution(R, SCHEDULED_SESSION, BY)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void a_proposal_for_a_cancelled_session_is_refused() {
        refused(fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, CANCELLED_SESSION, "T", TEXT, List.of(), List.of(), BB)), ErrorCode.SESSION_CLOSED);
    }

    @Test
    void a_member_not_holding_the_chair_on_the_session_day_cannot_open_the_vote() {
        // DE-RP holds the chair in 2025, not on the session's day in 2024
        refused(givenProposed().when(new OpenVote(R, null, RP)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void a_vote_is_opened_only_while_the_session_is_open() {
        directories.put(OPEN_SESSION, SESSION_DAY, SessionStatus.SCHEDULED);
        refused(givenProposed().when(new OpenVote(R, null, BE)), ErrorCode.SESSION_NOT_OPEN);
    }

    @Test
    void each_member_casts_one_vote() {
        fixture.given(PROPOSED, VOTE_OPENED).when(new CastVote(R, VoteChoice.YES, BY))
                .expectEvents(new VoteCast(R, 1, VoteChoice.YES, BY, NOW));
        refused(fixture.given(PROPOSED, VOTE_OPENED, new VoteCast(R, 1, VoteChoice.YES, BY, NOW))
                .when(new CastVote(R, VoteChoice.NO, BY)), ErrorCode.ALREADY_VOTED);
    }

    @Test
    void a_guest_cannot_vote() {
        refused(fixture.given(PROPOSED, VOTE_OPENED).when(new CastVote(R, VoteChoice.YES, BSI)), ErrorCode.GUEST_ACTING);
    }

    @Test
    void no_vote_before_the_vote_opened() {
        refused(givenProposed().when(new CastVote(R, VoteChoice.YES, BY)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void the_chair_adopts_when_the_tally_meets_the_rule() {
        fixture.given(votes(13, 2, 1)).when(new AdoptResolution(R, BB))
                .expectResultMessagePayload(new Tally(13, 2, 1))
                .expectEvents(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(13, 2, 1), RULE, BB, NOW));
    }

    @Test
    void adoption_is_refused_when_the_tally_misses_the_rule() {
        refused(fixture.given(votes(12, 4, 0)).when(new AdoptResolution(R, BE)), ErrorCode.RULE_NOT_MET);
    }

    @Test
    void adoption_applies_the_rule_recorded_when_the_vote_opened_not_the_current_one() {
        // the configuration now asks for unanimity; the vote opened under 13 of 16, which 13 YES meet
        fixture.registerInjectableResource(RulesOfProcedure.of("qualified-majority", VotingRule.unanimity(16)));
        fixture.given(votes(13, 3, 0)).when(new AdoptResolution(R, BE))
                .expectEvents(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(13, 3, 0), RULE, BE, NOW));
    }

    @Test
    void only_the_chair_adopts() {
        refused(fixture.given(votes(16, 0, 0)).when(new AdoptResolution(R, BY)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void the_chair_rejects_when_the_rule_is_not_met() {
        fixture.given(votes(3, 10, 3)).when(new RejectResolution(R, "Mehrheit verfehlt", BE))
                .expectResultMessagePayload(new Tally(3, 10, 3))
                .expectEvents(new ResolutionRejected(R, OPEN_SESSION, 1, new Tally(3, 10, 3), RULE, "Mehrheit verfehlt", BE, NOW));
    }

    @Test
    void the_chair_cannot_reject_what_the_rule_adopts() {
        refused(fixture.given(votes(14, 0, 0)).when(new RejectResolution(R, "x", BE)), ErrorCode.RULE_MET);
    }

    @Test
    void a_resolution_not_in_vote_cannot_be_adopted() {
        refused(givenProposed().when(new AdoptResolution(R, BE)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    // ---- publication

    @Test
    void the_chair_publishes_an_adopted_resolution() {
        List<Object> adopted = votes(16, 0, 0);
        adopted.add(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(16, 0, 0), RULE, BE, NOW));
        fixture.given(adopted).when(new PublishResolution(R, "Digitales Brandenburg", BE))
                .expectEvents(new ResolutionPublished(R, 1, "Digitales Brandenburg", BE, NOW));
    }

    @Test
    void a_resolution_is_published_only_once_adopted() {
        refused(fixture.given(votes(16, 0, 0)).when(new PublishResolution(R, "ref", BE)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void only_the_chair_publishes() {
        List<Object> adopted = votes(16, 0, 0);
        adopted.add(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(16, 0, 0), RULE, BE, NOW));
        refused(fixture.given(adopted).when(new PublishResolution(R, "ref", RP)), ErrorCode.NOT_CHAIR);
    }

    // ---- translations

    @Test
    void the_sponsor_translates_a_published_resolution() {
        List<Object> published = votes(16, 0, 0);
        published.add(new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(16, 0, 0), RULE, BE, NOW));
        published.add(new ResolutionPublished(R, 1, "Digitales Brandenburg", BE, NOW));
        fixture.given(published).when(new AddTranslation(R, 1, "en", " Resource use ", "The DMK supports data-driven smart-city solutions.", BB))
                .expectResultMessagePayload(1L)
                .expectEvents(new TranslationAdded(R, 1, "en", "Resource use",
                        "The DMK supports data-driven smart-city solutions.", BB, NOW));
    }

    @Test
    void an_earlier_version_may_be_translated_and_a_translation_replaced() {
        fixture.given(PROPOSED, new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", null, BB, NOW),
                        new TranslationAdded(R, 1, "fr", "Ressources", "Texte.", BB, NOW))
                .when(new AddTranslation(R, 1, "fr", "Utilisation des ressources", "Le texte.", BB))
                .expectEvents(new TranslationAdded(R, 1, "fr", "Utilisation des ressources", "Le texte.", BB, NOW));
    }

    @Test
    void only_the_sponsor_translates() {
        refused(givenProposed().when(new AddTranslation(R, 1, "en", "T", "Text.", BE)), ErrorCode.NOT_SPONSOR);
        refused(givenProposed().when(new AddTranslation(R, 1, "en", "T", "Text.", BY)), ErrorCode.NOT_SPONSOR);
    }

    @Test
    void a_translation_is_into_an_offered_language_of_an_existing_version() {
        refused(givenProposed().when(new AddTranslation(R, 1, "de", "T", "Text.", BB)), ErrorCode.VALIDATION_FAILED);
        refused(givenProposed().when(new AddTranslation(R, 1, "pl", "T", "Text.", BB)), ErrorCode.VALIDATION_FAILED);
        refused(givenProposed().when(new AddTranslation(R, 2, "en", "T", "Text.", BB)), ErrorCode.VALIDATION_FAILED);
        refused(givenProposed().when(new AddTranslation(R, 0, "en", "T", "Text.", BB)), ErrorCode.VALIDATION_FAILED);
        refused(givenProposed().when(new AddTranslation(R, 1, "en", " ", "Text.", BB)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_withdrawn_resolution_is_not_translated() {
        refused(fixture.given(PROPOSED, new ResolutionWithdrawn(R, "x", BB, NOW))
                .when(new AddTranslation(R, 1, "en", "T", "Text.", BB)), ErrorCode.INVALID_STATE_TRANSITION);
    }
}

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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.resolutionledger.command.resolution.ResolutionTest.*;
import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.FixedDirectories.OPEN_SESSION;
import static io.resolutionledger.command.support.Refusals.refused;

/** Whom a resolution is addressed to, the conferences it is joint with, and the mandates it gives once adopted. */
class AddresseesAndMandatesTest {

    static final LocalDate END_OF_YEAR = LocalDate.of(2024, 12, 31);
    static final ResolutionAdopted ADOPTED = new ResolutionAdopted(R, OPEN_SESSION, 1, new Tally(16, 0, 0), RULE, BE,
            NOW);
    static final MandateGiven GIVEN = new MandateGiven(R, "m-1", "Pilotstudie mit Bund und WMK", BB, END_OF_YEAR,
            BE, NOW);

    private AggregateTestFixture<Resolution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Resolution.class);
        fixture.registerInjectableResource(new FixedDirectories());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(RULES);
    }

    private TestExecutor<Resolution> givenAdopted() {
        return fixture.given(PROPOSED, VOTE_OPENED, ADOPTED);
    }

    @Test
    void a_proposal_names_its_addressees_and_partners() {
        fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "Ressourcennutzung", TEXT, List.of("smart-city"),
                        List.of(BE), List.of("BUND", "TK-UNTERNEHMEN"), List.of("WMK"), BB))
                .expectEvents(PROPOSED, new ResolutionAddressed(R, List.of("BUND", "TK-UNTERNEHMEN"), List.of("WMK"),
                        BB, NOW));
    }

    @Test
    void a_proposal_addressed_to_nobody_records_no_addressees() {
        fixture.givenNoPriorActivity()
                .when(new ProposeResolution(R, OPEN_SESSION, "Ressourcennutzung", TEXT, List.of("smart-city"),
                        List.of(BE), BB))
                .expectEvents(PROPOSED);
    }

    @Test
    void addressees_are_codes_named_once() {
        refused(fixture.givenNoPriorActivity().when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(),
                List.of(), List.of("BUND", "BUND"), List.of(), BB)), ErrorCode.VALIDATION_FAILED);
        refused(fixture.givenNoPriorActivity().when(new ProposeResolution(R, OPEN_SESSION, "T", TEXT, List.of(),
                List.of(), List.of("die Telekom"), List.of(), BB)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void an_amendment_changes_the_addressees() {
        fixture.given(PROPOSED, new ResolutionAddressed(R, List.of("BUND"), List.of(), BB, NOW))
                .when(new AmendResolution(R, 1, null, "neu", null, List.of("BUND", "EU"), null, BB))
                .expectEvents(new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", null, BB, NOW),
                        new ResolutionAddressed(R, List.of("BUND", "EU"), List.of(), BB, NOW));
    }

    @Test
    void an_amendment_of_the_text_alone_keeps_the_addressees() {
        fixture.given(PROPOSED, new ResolutionAddressed(R, List.of("BUND"), List.of(), BB, NOW))
                .when(new AmendResolution(R, 1, null, "neu", null, List.of("BUND"), null, BB))
                .expectEvents(new ResolutionAmended(R, 2, "Ressourcennutzung", "neu", null, BB, NOW));
    }

    @Test
    void the_chair_gives_a_mandate_of_an_adopted_resolution() {
        givenAdopted().when(new GiveMandate(R, "m-1", " Pilotstudie mit Bund und WMK ", BB, END_OF_YEAR, BE))
                .expectEvents(GIVEN);
    }

    @Test
    void a_mandate_needs_an_adopted_resolution_the_chair_and_a_member_as_owner() {
        refused(fixture.given(PROPOSED).when(new GiveMandate(R, "m-1", "Aufgabe", BB, END_OF_YEAR, BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
        refused(givenAdopted().when(new GiveMandate(R, "m-1", "Aufgabe", BB, END_OF_YEAR, BY)), ErrorCode.NOT_CHAIR);
        refused(givenAdopted().when(new GiveMandate(R, "m-1", "Aufgabe", BSI, END_OF_YEAR, BE)),
                ErrorCode.GUEST_ACTING);
        refused(givenAdopted().when(new GiveMandate(R, "m-1", " ", BB, END_OF_YEAR, BE)), ErrorCode.VALIDATION_FAILED);
        refused(givenAdopted().when(new GiveMandate(R, "m-1", "Aufgabe", BB, null, BE)), ErrorCode.VALIDATION_FAILED);
        refused(givenAdopted().andGiven(GIVEN).when(new GiveMandate(R, "m-1", "Aufgabe", BB, END_OF_YEAR, BE)),
                ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void the_owner_reports_progress_and_then_done() {
        givenAdopted().andGiven(GIVEN)
                .when(new ReportOnMandate(R, "m-1", MandateStatus.IN_PROGRESS, "Ausschreibung läuft", BB))
                .expectEvents(new MandateReported(R, "m-1", MandateStatus.IN_PROGRESS, "Ausschreibung läuft", BB,
                        NOW));
        givenAdopted().andGiven(GIVEN)
                .when(new ReportOnMandate(R, "m-1", MandateStatus.DONE, null, BE))
                .expectEvents(new MandateReported(R, "m-1", MandateStatus.DONE, null, BE, NOW));
    }

    @Test
    void only_the_owner_or_the_chair_reports_and_never_after_done() {
        refused(givenAdopted().andGiven(GIVEN).when(new ReportOnMandate(R, "m-1", MandateStatus.DONE, null, BY)),
                ErrorCode.NOT_CHAIR);
        refused(givenAdopted().when(new ReportOnMandate(R, "m-9", MandateStatus.DONE, null, BB)),
                ErrorCode.MANDATE_NOT_FOUND);
        refused(givenAdopted().andGiven(GIVEN, new MandateReported(R, "m-1", MandateStatus.DONE, null, BB, NOW))
                .when(new ReportOnMandate(R, "m-1", MandateStatus.IN_PROGRESS, null, BB)), ErrorCode.MANDATE_DONE);
        refused(givenAdopted().andGiven(GIVEN).when(new ReportOnMandate(R, "m-1", MandateStatus.OPEN, null, BB)),
                ErrorCode.VALIDATION_FAILED);
    }
}

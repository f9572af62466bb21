package io.resolutionledger.command.session;

import io.resolutionledger.api.command.AddAgendaItem;
import io.resolutionledger.api.command.CancelSession;
import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.PostponeSession;
import io.resolutionledger.api.command.RecordAttendance;
import io.resolutionledger.api.command.ReorderAgenda;
import io.resolutionledger.api.event.AgendaItemAdded;
import io.resolutionledger.api.event.AgendaReordered;
import io.resolutionledger.api.event.AttendanceRecorded;
import io.resolutionledger.api.event.SessionCancelled;
import io.resolutionledger.api.event.SessionPostponed;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.command.support.FixedDirectories;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.Refusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

class SessionTest {

    static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    static final SessionId S = SessionId.of("dmk-2024-1");
    static final LocalDate DAY = LocalDate.of(2024, 4, 19);
    static final SessionScheduled SCHEDULED = new SessionScheduled(S, ID, 1, SessionKind.REGULAR, DAY,
            "Potsdam, Hasso-Plattner-Institut", BE, NOW);

    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(new FixedDirectories());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(io.resolutionledger.command.conference.ChairRules.DEFAULT);
    }

    @Test
    void the_chair_of_the_session_day_schedules_it() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, DAY, "Potsdam, Hasso-Plattner-Institut ", BE))
                .expectEvents(SCHEDULED);
    }

    @Test
    void the_chair_of_next_year_schedules_next_years_session_already_now() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(SessionId.of("dmk-2025-1"), ID, 3, SessionKind.SPECIAL, LocalDate.of(2025, 5, 1), "Mainz", RP))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_former_chair_cannot_schedule_a_back_dated_session_of_its_old_term() {
        // today 2024-03-01, window 14 days: a session of 2024-02-01 is back-dated beyond it
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, LocalDate.of(2024, 2, 1), "Potsdam", BE)),
                ErrorCode.BACKDATED);
    }

    @Test
    void a_session_of_the_last_days_is_recorded_inside_the_recording_window() {
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, LocalDate.of(2024, 2, 20), "Potsdam", BE))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_member_not_in_the_chair_cannot_schedule() {
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, DAY, "Potsdam", BY)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void a_session_needs_a_positive_number_and_a_place() {
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 0, SessionKind.REGULAR, DAY, "Potsdam", BE)), ErrorCode.VALIDATION_FAILED);
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, DAY, " ", BE)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void the_chair_opens_and_closes_the_session() {
        fixture.given(SCHEDULED).when(new OpenSession(S, BB)).expectEvents(new SessionOpened(S, BB, NOW));
        fixture.given(SCHEDULED, new SessionOpened(S, BB, NOW)).when(new CloseSession(S, BE))
                .expectEvents(new SessionClosed(S, BE, NOW));
    }

    @Test
    void a_session_opens_once_and_closes_only_when_open() {
        refused(fixture.given(SCHEDULED, new SessionOpened(S, BB, NOW)).when(new OpenSession(S, BB)),
                ErrorCode.INVALID_STATE_TRANSITION);
        refused(fixture.given(SCHEDULED).when(new CloseSession(S, BB)), ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void only_the_chair_opens_a_session() {
        refused(fixture.given(SCHEDULED).when(new OpenSession(S, RP)), ErrorCode.NOT_CHAIR);
    }

    // ---- postponement and cancellation

    static final SessionOpened OPENED = new SessionOpened(S, BB, NOW);
    static final LocalDate LATER = LocalDate.of(2024, 4, 26);

    @Test
    void the_chair_postpones_a_session_not_yet_opened_to_another_date() {
        fixture.given(SCHEDULED).when(new PostponeSession(S, LATER, " Terminkollision ", BE))
                .expectEvents(new SessionPostponed(S, DAY, LATER, "Terminkollision", BE, NOW));
    }

    @Test
    void a_postponed_session_opens_on_its_new_date() {
        fixture.given(SCHEDULED, new SessionPostponed(S, DAY, LATER, "x", BE, NOW)).when(new OpenSession(S, BB))
                .expectEvents(new SessionOpened(S, BB, NOW));
    }

    @Test
    void an_open_session_is_neither_postponed_nor_cancelled() {
        refused(fixture.given(SCHEDULED, OPENED).when(new PostponeSession(S, LATER, "x", BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
        refused(fixture.given(SCHEDULED, OPENED).when(new CancelSession(S, "x", BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
    }

    @Test
    void a_postponement_names_another_date() {
        refused(fixture.given(SCHEDULED).when(new PostponeSession(S, DAY, "x", BE)), ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED).when(new PostponeSession(S, null, "x", BE)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void only_the_chair_postpones_or_cancels() {
        refused(fixture.given(SCHEDULED).when(new PostponeSession(S, LATER, "x", BY)), ErrorCode.NOT_CHAIR);
        refused(fixture.given(SCHEDULED).when(new CancelSession(S, "x", BY)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void the_chair_cancels_a_session_not_yet_opened_and_it_never_opens() {
        fixture.given(SCHEDULED).when(new CancelSession(S, "entfällt", BE))
                .expectEvents(new SessionCancelled(S, "entfällt", BE, NOW));
        refused(fixture.given(SCHEDULED, new SessionCancelled(S, "entfällt", BE, NOW)).when(new OpenSession(S, BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
    }

    // ---- attendance

    @Test
    void the_chair_records_a_member_present() {
        fixture.given(SCHEDULED, OPENED).when(new RecordAttendance(S, BY, null, null, true, BE))
                .expectEvents(new AttendanceRecorded(S, BY, null, null, true, BE, NOW));
    }

    @Test
    void the_chair_records_a_configured_guest_with_a_name() {
        fixture.given(SCHEDULED).when(new RecordAttendance(S, null, BMDS, " Dr. Volker Wissing ", true, BE))
                .expectEvents(new AttendanceRecorded(S, null, BMDS, "Dr. Volker Wissing", true, BE, NOW));
    }

    @Test
    void attendance_names_a_member_or_a_configured_guest() {
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, OUTSIDER, null, null, true, BE)),
                ErrorCode.NOT_A_MEMBER);
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, BSI, null, null, true, BE)),
                ErrorCode.NOT_A_MEMBER);
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, null, BY, null, true, BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, BY, BSI, null, true, BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, null, null, null, true, BE)),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void only_the_chair_records_attendance_and_not_after_the_close() {
        refused(fixture.given(SCHEDULED).when(new RecordAttendance(S, BY, null, null, true, BY)), ErrorCode.NOT_CHAIR);
        refused(fixture.given(SCHEDULED, OPENED, new SessionClosed(S, BE, NOW))
                .when(new RecordAttendance(S, BY, null, null, true, BE)), ErrorCode.SESSION_CLOSED);
    }

    @Test
    void the_session_facts_count_the_members_whose_latest_record_says_present() {
        Session session = new Session();
        session.on(SCHEDULED);
        session.evolve(new AttendanceRecorded(S, BY, null, null, true, BE, NOW));
        session.evolve(new AttendanceRecorded(S, TH, null, null, true, BE, NOW));
        session.evolve(new AttendanceRecorded(S, null, BSI, "Claudia Plattner", true, BE, NOW));
        session.evolve(new AttendanceRecorded(S, TH, null, null, false, BE, NOW));
        SessionFacts facts = session.facts();
        assertThat(facts.rollCalled()).isTrue();
        assertThat(facts.presentMembers()).containsExactly(BY);
        assertThat(facts.membersPresent(new io.resolutionledger.api.value.Tally(5, 0, 0))).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> facts.ensurePresent(TH))
                .isInstanceOfSatisfying(io.resolutionledger.api.error.LedgerRefusedException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.NOT_PRESENT));
    }

    @Test
    void without_a_roll_call_the_members_present_are_those_who_vote() {
        Session session = new Session();
        session.on(SCHEDULED);
        session.evolve(new AttendanceRecorded(S, null, BSI, "Claudia Plattner", true, BE, NOW));
        SessionFacts facts = session.facts();
        assertThat(facts.rollCalled()).isFalse();
        assertThat(facts.membersPresent(new io.resolutionledger.api.value.Tally(9, 1, 1))).isEqualTo(11);
        facts.ensurePresent(TH);
    }

    // ---- agenda

    static final AgendaItemAdded REPORT = new AgendaItemAdded(S, "top-1", 1, AgendaItemKind.REPORT,
            "Bericht zur Digitalstrategie und zum AI Act", null, "Bundesminister für Digitales", BE, NOW);
    static final ResolutionId R = ResolutionId.of("r-1");
    static final AgendaItemAdded ITEM = new AgendaItemAdded(S, "top-2", 2, AgendaItemKind.RESOLUTION,
            "Ressourcennutzung", R, null, BE, NOW);

    @Test
    void the_chair_adds_agenda_items_numbered_in_order() {
        fixture.given(SCHEDULED).when(new AddAgendaItem(S, "top-1", AgendaItemKind.REPORT,
                        " Bericht zur Digitalstrategie und zum AI Act", null, "Bundesminister für Digitales", BE))
                .expectResultMessagePayload(1)
                .expectEvents(REPORT);
        fixture.given(SCHEDULED, REPORT).when(new AddAgendaItem(S, "top-2", AgendaItemKind.RESOLUTION,
                        "Ressourcennutzung", R, null, BE))
                .expectResultMessagePayload(2)
                .expectEvents(ITEM);
    }

    @Test
    void a_resolution_item_names_its_resolution_and_only_it_does() {
        refused(fixture.given(SCHEDULED).when(new AddAgendaItem(S, "t", AgendaItemKind.RESOLUTION, "T", null, null, BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED).when(new AddAgendaItem(S, "t", AgendaItemKind.OTHER, "T", R, null, BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED).when(new AddAgendaItem(S, "t", AgendaItemKind.OTHER, " ", null, null, BE)),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void an_item_or_a_resolution_is_on_the_agenda_once() {
        refused(fixture.given(SCHEDULED, REPORT).when(new AddAgendaItem(S, "top-1", AgendaItemKind.OTHER, "T", null, null, BE)),
                ErrorCode.ALREADY_EXISTS);
        refused(fixture.given(SCHEDULED, ITEM).when(new AddAgendaItem(S, "top-9", AgendaItemKind.RESOLUTION, "T", R, null, BE)),
                ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void only_the_chair_adds_items_and_not_to_a_closed_session() {
        refused(fixture.given(SCHEDULED).when(new AddAgendaItem(S, "t", AgendaItemKind.OTHER, "T", null, null, BY)),
                ErrorCode.NOT_CHAIR);
        refused(fixture.given(SCHEDULED, OPENED, new SessionClosed(S, BE, NOW))
                .when(new AddAgendaItem(S, "t", AgendaItemKind.OTHER, "T", null, null, BE)), ErrorCode.SESSION_CLOSED);
    }

    @Test
    void the_chair_reorders_the_whole_agenda_before_the_session_opens() {
        fixture.given(SCHEDULED, REPORT, ITEM).when(new ReorderAgenda(S, List.of("top-2", "top-1"), BE))
                .expectEvents(new AgendaReordered(S, List.of("top-2", "top-1"), BE, NOW));
    }

    @Test
    void a_new_order_names_every_item_once() {
        refused(fixture.given(SCHEDULED, REPORT, ITEM).when(new ReorderAgenda(S, List.of("top-2"), BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED, REPORT, ITEM).when(new ReorderAgenda(S, List.of("top-2", "top-2"), BE)),
                ErrorCode.VALIDATION_FAILED);
        refused(fixture.given(SCHEDULED, REPORT, ITEM).when(new ReorderAgenda(S, List.of("top-2", "top-3"), BE)),
                ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void the_agenda_keeps_its_order_once_the_session_opened() {
        refused(fixture.given(SCHEDULED, REPORT, ITEM, OPENED).when(new ReorderAgenda(S, List.of("top-2", "top-1"), BE)),
                ErrorCode.INVALID_STATE_TRANSITION);
        refused(fixture.given(SCHEDULED, REPORT, ITEM).when(new ReorderAgenda(S, List.of("top-2", "top-1"), BY)),
                ErrorCode.NOT_CHAIR);
    }
}

package io.resolutionledger.command.session;

import io.resolutionledger.api.command.CloseSession;
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

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.Refusals.refused;

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
}

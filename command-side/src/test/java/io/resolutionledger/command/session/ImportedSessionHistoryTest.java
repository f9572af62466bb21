package io.resolutionledger.command.session;

import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.event.EventMetadata;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.command.clock.BusinessClock;
import io.resolutionledger.command.conference.ChairRules;
import io.resolutionledger.command.support.FixedDirectories;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static io.resolutionledger.command.support.Dmk.*;
import static io.resolutionledger.command.support.Refusals.refused;

/**
 * The two clocks on the command side: a command that declares its business time (as the history import does) is
 * stamped with it and judged by it, and may not be dated before its aggregate's latest event.
 */
class ImportedSessionHistoryTest {

    static final Instant WALL = Instant.parse("2026-12-01T10:00:00Z");
    static final SessionId S = SessionId.of("dmk-2024-1");
    static final LocalDate DAY = LocalDate.of(2024, 4, 19);
    static final Instant MORNING = Instant.parse("2024-04-19T08:00:00Z");
    static final Instant NOON = Instant.parse("2024-04-19T12:00:00Z");
    static final SessionScheduled SCHEDULED = new SessionScheduled(S, ID, 1, SessionKind.REGULAR, DAY,
            "Potsdam", BE, Instant.parse("2024-03-01T09:00:00Z"));

    private AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(new FixedDirectories());
        fixture.registerInjectableResource(new BusinessClock(Clock.fixed(WALL, ZoneOffset.UTC)));
        fixture.registerInjectableResource(ChairRules.DEFAULT);
    }

    private static Map<String, Object> at(Instant occurredAt) {
        return Map.of(EventMetadata.OCCURRED_AT, occurredAt.toString());
    }

    @Test
    void an_imported_command_is_stamped_with_its_declared_business_time() {
        fixture.given(SCHEDULED).when(new OpenSession(S, BB), at(MORNING))
                .expectEvents(new SessionOpened(S, BB, MORNING));
    }

    @Test
    void a_command_without_a_declared_time_happens_now() {
        fixture.given(SCHEDULED).when(new OpenSession(S, BB)).expectEvents(new SessionOpened(S, BB, WALL));
    }

    @Test
    void imported_history_is_judged_at_its_own_date_so_an_old_session_is_not_backdated() {
        // the wall clock is 2026: live, a session of 2024 is beyond the recording window; imported on 2024-03-01 not
        refused(fixture.givenNoPriorActivity().when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, DAY,
                "Potsdam", BE)), ErrorCode.BACKDATED);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(S, ID, 1, SessionKind.REGULAR, DAY, "Potsdam", BE),
                        at(Instant.parse("2024-03-01T09:00:00Z")))
                .expectEvents(SCHEDULED);
    }

    @Test
    void an_imported_command_dated_before_its_aggregates_latest_event_is_refused() {
        refused(fixture.given(SCHEDULED, new SessionOpened(S, BB, NOON))
                .when(new CloseSession(S, BE), at(MORNING)), ErrorCode.OUT_OF_ORDER);
    }

    @Test
    void an_imported_command_at_the_same_instant_as_the_latest_event_is_in_order() {
        fixture.given(SCHEDULED, new SessionOpened(S, BB, NOON)).when(new CloseSession(S, BE), at(NOON))
                .expectEvents(new SessionClosed(S, BE, NOON));
    }

    // ---- the conference's own start: the founding date, and the informal meetings before it

    static final SessionId D16 = SessionId.of("d16-2019-06-19");
    static final LocalDate FIRST_D16 = LocalDate.of(2019, 6, 19);
    static final Instant FIRST_D16_MORNING = Instant.parse("2019-06-19T08:00:00Z");

    @Test
    void a_regular_session_before_the_founding_date_is_refused() {
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(D16, ID, 1, SessionKind.REGULAR, FIRST_D16, "Potsdam", null),
                        at(FIRST_D16_MORNING)), ErrorCode.BEFORE_FOUNDING);
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(D16, ID, 1, SessionKind.SPECIAL, LocalDate.of(2023, 11, 8), "Berlin", BE),
                        at(Instant.parse("2023-11-01T08:00:00Z"))), ErrorCode.BEFORE_FOUNDING);
    }

    @Test
    void an_administrator_records_an_informal_meeting_before_the_founding_when_nobody_held_a_chair() {
        SessionScheduled informal = new SessionScheduled(D16, ID, 1, SessionKind.INFORMAL, FIRST_D16, "Potsdam",
                null, FIRST_D16_MORNING);
        fixture.givenNoPriorActivity()
                .when(new ScheduleSession(D16, ID, 1, SessionKind.INFORMAL, FIRST_D16, "Potsdam", null),
                        at(FIRST_D16_MORNING))
                .expectEvents(informal);
        Instant opened = Instant.parse("2019-06-19T09:00:00Z");
        fixture.given(informal).when(new OpenSession(D16, null), at(opened))
                .expectEvents(new SessionOpened(D16, null, opened));
    }

    @Test
    void a_delegation_cannot_preside_over_a_meeting_of_a_day_without_a_chair() {
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(D16, ID, 1, SessionKind.INFORMAL, FIRST_D16, "Potsdam", BY),
                        at(FIRST_D16_MORNING)), ErrorCode.NOT_CHAIR);
    }

    @Test
    void an_informal_meeting_on_a_chaired_day_is_the_chairs_business_not_an_administrators() {
        refused(fixture.givenNoPriorActivity()
                .when(new ScheduleSession(D16, ID, 3, SessionKind.INFORMAL, DAY, "Potsdam", null),
                        at(Instant.parse("2024-04-01T08:00:00Z"))), ErrorCode.NOT_CHAIR);
    }
}

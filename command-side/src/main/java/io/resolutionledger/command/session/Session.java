package io.resolutionledger.command.session;

import io.resolutionledger.api.command.AddAgendaItem;
import io.resolutionledger.api.command.CancelSession;
import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.PostponeSession;
import io.resolutionledger.api.command.RecordAttendance;
import io.resolutionledger.api.command.ReorderAgenda;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.command.conference.ChairRules;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.AgendaItemAdded;
import io.resolutionledger.api.event.AgendaReordered;
import io.resolutionledger.api.event.AttendanceRecorded;
import io.resolutionledger.api.event.SessionCancelled;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionEvent;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionPostponed;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.command.conference.ConferenceDirectory;
import io.resolutionledger.command.conference.ConferenceFacts;
import io.resolutionledger.command.clock.Timeline;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A session of the conference; presided by the chair whose term covers the session's date. It keeps its agenda
 * (ordered items) and its attendance; a session not yet opened may be postponed or cancelled.
 */
@Aggregate(snapshotTriggerDefinition = "ledgerSnapshotTrigger", repository = SessionRepositoryConfig.NAME)
class Session {

    @AggregateIdentifier
    private SessionId sessionId;
    private ConferenceId conferenceId;
    private LocalDate date;
    private SessionStatus status;
    private SessionKind kind;
    // the fields below may be null in a snapshot taken before they existed; the handlers start them when needed
    private boolean rollCalled;
    private Set<DelegationCode> presentMembers;
    private List<String> agenda;
    private Set<ResolutionId> agendaResolutions;
    /** The business time of the latest event: imported history is recorded in order (see {@link Timeline}). */
    @AggregateMember
    private Timeline timeline = new Timeline();

    Session() {
        // for Axon
    }

    @CommandHandlerInterceptor
    void inBusinessOrder(CommandMessage<?> command) {
        timeline.ensureInOrder(command);
    }

    @CommandHandler
    Session(ScheduleSession command, ConferenceDirectory conferences, Clock clock, ChairRules rules) {
        if (command.number() < 1) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a session's number starts at 1");
        }
        if (command.date() == null || command.kind() == null || command.place() == null || command.place().isBlank()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a session needs a kind, a date and a place");
        }
        ConferenceFacts conference = conferences.facts(command.conferenceId());
        conference.ensureMayMeetOn(command.date(), command.kind(), rules.zone());
        if (!isPredecessorMeeting(conference, command.kind(), command.date(), command.actor())) {
            conference.ensureChairOn(command.date(), command.actor());
        }
        rules.ensureNotBackdated(command.date(), clock);
        apply(new SessionScheduled(command.sessionId(), command.conferenceId(), command.number(), command.kind(),
                command.date(), command.place().strip(), command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(OpenSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureComing("opened");
        apply(new SessionOpened(sessionId, command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureStatus(SessionStatus.OPEN, "closed");
        apply(new SessionClosed(sessionId, command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(PostponeSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureComing("postponed");
        if (command.date() == null || command.date().equals(date)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a postponement names a date other than " + date);
        }
        apply(new SessionPostponed(sessionId, date, command.date(), strip(command.reason()), command.actor(),
                clock.instant()));
    }

    @CommandHandler
    void handle(CancelSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureComing("cancelled");
        apply(new SessionCancelled(sessionId, strip(command.reason()), command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(RecordAttendance command, ConferenceDirectory conferences, Clock clock) {
        ConferenceFacts conference = conferences.facts(conferenceId);
        conference.ensureChairOn(date, command.actor());
        ensureNotOver("records attendance");
        if ((command.delegation() == null) == (command.guest() == null)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "attendance names either a member delegation or a guest");
        }
        if (command.delegation() != null && !conference.isMember(command.delegation())) {
            throw refused(ErrorCode.NOT_A_MEMBER, command.delegation() + " is not a member of " + conferenceId
                    + (conference.guests().contains(command.delegation()) ? "; record it as a guest" : ""));
        }
        if (command.guest() != null && !conference.guests().contains(command.guest())) {
            throw refused(ErrorCode.VALIDATION_FAILED, command.guest() + " is not a guest of " + conferenceId);
        }
        apply(new AttendanceRecorded(sessionId, command.delegation(), command.guest(), strip(command.name()),
                command.present(), command.actor(), clock.instant()));
    }

    @CommandHandler
    int handle(AddAgendaItem command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureNotOver("takes new agenda items");
        if (command.kind() == null || command.title() == null || command.title().isBlank()) {
            throw refused(ErrorCode.VALIDATION_FAILED, "an agenda item has a kind and a title");
        }
        if ((command.kind() == AgendaItemKind.RESOLUTION) != (command.resolutionId() != null)) {
            throw refused(ErrorCode.VALIDATION_FAILED, "an item of kind RESOLUTION, and only such an item, names its resolution");
        }
        if (agenda().contains(command.itemId())) {
            throw refused(ErrorCode.ALREADY_EXISTS, "agenda item " + command.itemId() + " exists");
        }
        if (command.resolutionId() != null && agendaResolutions().contains(command.resolutionId())) {
            throw refused(ErrorCode.ALREADY_EXISTS, "resolution " + command.resolutionId() + " is on the agenda already");
        }
        int number = agenda().size() + 1;
        apply(new AgendaItemAdded(sessionId, command.itemId(), number, command.kind(), command.title().strip(),
                command.resolutionId(), strip(command.presenter()), command.actor(), clock.instant()));
        return number;
    }

    @CommandHandler
    void handle(ReorderAgenda command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureComing("given a new agenda order");
        List<String> items = command.items() == null ? List.of() : command.items();
        if (items.size() != agenda().size() || !new HashSet<>(items).equals(new HashSet<>(agenda()))) {
            throw refused(ErrorCode.VALIDATION_FAILED, "a new order names every item of the agenda once: " + agenda());
        }
        apply(new AgendaReordered(sessionId, items, command.actor(), clock.instant()));
    }

    SessionFacts facts() {
        return new SessionFacts(sessionId, conferenceId, date, status, rollCalled,
                presentMembers == null ? Set.of() : presentMembers, kind == null ? SessionKind.REGULAR : kind);
    }

    /** The session's own event-sourcing handlers over one event, for folds outside Axon's repository. */
    void evolve(SessionEvent event) {
        if (event instanceof SessionScheduled e) on(e);
        else if (event instanceof SessionOpened e) on(e);
        else if (event instanceof SessionClosed e) on(e);
        else if (event instanceof SessionPostponed e) on(e);
        else if (event instanceof SessionCancelled e) on(e);
        else if (event instanceof AttendanceRecorded e) on(e);
        else if (event instanceof AgendaItemAdded e) on(e);
        else if (event instanceof AgendaReordered e) on(e);
    }

    // ---- named checks

    private void ensureChair(ConferenceDirectory conferences, DelegationCode actor) {
        ConferenceFacts conference = conferences.facts(conferenceId);
        if (!isPredecessorMeeting(conference, kind, date, actor)) {
            conference.ensureChairOn(date, actor);
        }
    }

    /**
     * An informal meeting on a day when nobody held the conference's chair (the format it grew out of, before its
     * first chair): there is no chair to preside, so an administrator records it (no acting delegation).
     */
    private static boolean isPredecessorMeeting(ConferenceFacts conference, SessionKind kind, LocalDate date,
                                                DelegationCode actor) {
        return kind == SessionKind.INFORMAL && actor == null && conference.chairOn(date).isEmpty();
    }

    private void ensureStatus(SessionStatus required, String action) {
        if (status != required) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION,
                    "session " + sessionId + " is " + status + "; only a " + required + " session can be " + action);
        }
    }

    /** Scheduled or postponed: not yet opened, not cancelled. */
    private void ensureComing(String action) {
        if (!status.isComing()) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, "session " + sessionId + " is " + status
                    + "; only a session not yet opened (SCHEDULED or POSTPONED) can be " + action);
        }
    }

    private void ensureNotOver(String action) {
        if (status == SessionStatus.CLOSED) {
            throw refused(ErrorCode.SESSION_CLOSED, "session " + sessionId + " is closed; it no longer " + action);
        }
        if (status == SessionStatus.CANCELLED) {
            throw refused(ErrorCode.INVALID_STATE_TRANSITION, "session " + sessionId + " is cancelled; it no longer "
                    + action);
        }
    }

    private static String strip(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static LedgerRefusedException refused(ErrorCode code, String detail) {
        return new LedgerRefusedException(code, detail);
    }

    private List<String> agenda() {
        return agenda == null ? List.of() : agenda;
    }

    private Set<ResolutionId> agendaResolutions() {
        return agendaResolutions == null ? Set.of() : agendaResolutions;
    }

    // ---- state, assigned only from events

    @EventSourcingHandler
    void on(SessionScheduled event) {
        sessionId = event.sessionId();
        conferenceId = event.conferenceId();
        date = event.date();
        kind = event.kind();
        status = SessionStatus.SCHEDULED;
        presentMembers = new LinkedHashSet<>();
        agenda = new ArrayList<>();
        agendaResolutions = new HashSet<>();
    }

    @EventSourcingHandler
    void on(SessionOpened event) {
        status = SessionStatus.OPEN;
    }

    @EventSourcingHandler
    void on(SessionClosed event) {
        status = SessionStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(SessionPostponed event) {
        date = event.date();
        status = SessionStatus.POSTPONED;
    }

    @EventSourcingHandler
    void on(SessionCancelled event) {
        status = SessionStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(AttendanceRecorded event) {
        if (event.delegation() == null) {
            return; // guests count for no quorum
        }
        if (presentMembers == null) {
            presentMembers = new LinkedHashSet<>();
        }
        rollCalled = true;
        if (event.present()) {
            presentMembers.add(event.delegation());
        } else {
            presentMembers.remove(event.delegation());
        }
    }

    @EventSourcingHandler
    void on(AgendaItemAdded event) {
        if (agenda == null) {
            agenda = new ArrayList<>();
            agendaResolutions = new HashSet<>();
        }
        agenda.add(event.itemId());
        if (event.resolutionId() != null) {
            agendaResolutions.add(event.resolutionId());
        }
    }

    @EventSourcingHandler
    void on(AgendaReordered event) {
        agenda = new ArrayList<>(event.items());
    }
}

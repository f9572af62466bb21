package io.resolutionledger.command.session;

import io.resolutionledger.api.command.CloseSession;
import io.resolutionledger.api.command.OpenSession;
import io.resolutionledger.api.command.ScheduleSession;
import io.resolutionledger.command.conference.ChairRules;
import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.command.conference.ConferenceDirectory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A session of the conference; presided by the chair whose term covers the session's date. */
@Aggregate(snapshotTriggerDefinition = "ledgerSnapshotTrigger", repository = SessionRepositoryConfig.NAME)
class Session {

    @AggregateIdentifier
    private SessionId sessionId;
    private ConferenceId conferenceId;
    private LocalDate date;
    private SessionStatus status;

    Session() {
        // for Axon
    }

    @CommandHandler
    Session(ScheduleSession command, ConferenceDirectory conferences, Clock clock, ChairRules rules) {
        if (command.number() < 1) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "a session's number starts at 1");
        }
        if (command.date() == null || command.kind() == null || command.place() == null || command.place().isBlank()) {
            throw new LedgerRefusedException(ErrorCode.VALIDATION_FAILED, "a session needs a kind, a date and a place");
        }
        conferences.facts(command.conferenceId()).ensureChairOn(command.date(), command.actor());
        rules.ensureNotBackdated(command.date(), clock);
        apply(new SessionScheduled(command.sessionId(), command.conferenceId(), command.number(), command.kind(),
                command.date(), command.place().strip(), command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(OpenSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureStatus(SessionStatus.SCHEDULED, "opened");
        apply(new SessionOpened(sessionId, command.actor(), clock.instant()));
    }

    @CommandHandler
    void handle(CloseSession command, ConferenceDirectory conferences, Clock clock) {
        ensureChair(conferences, command.actor());
        ensureStatus(SessionStatus.OPEN, "closed");
        apply(new SessionClosed(sessionId, command.actor(), clock.instant()));
    }

    SessionFacts facts() {
        return new SessionFacts(sessionId, conferenceId, date, status);
    }

    private void ensureChair(ConferenceDirectory conferences, DelegationCode actor) {
        conferences.facts(conferenceId).ensureChairOn(date, actor);
    }

    private void ensureStatus(SessionStatus required, String action) {
        if (status != required) {
            throw new LedgerRefusedException(ErrorCode.INVALID_STATE_TRANSITION,
                    "session " + sessionId + " is " + status + "; only a " + required + " session can be " + action);
        }
    }

    @EventSourcingHandler
    void on(SessionScheduled event) {
        sessionId = event.sessionId();
        conferenceId = event.conferenceId();
        date = event.date();
        status = SessionStatus.SCHEDULED;
    }

    @EventSourcingHandler
    void on(SessionOpened event) {
        status = SessionStatus.OPEN;
    }

    @EventSourcingHandler
    void on(SessionClosed event) {
        status = SessionStatus.CLOSED;
    }
}

package io.resolutionledger.command.session;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.api.value.SessionStatus;

import java.time.LocalDate;

/** What a resolution's command handlers may know of its session: its conference, its date and its state. */
public record SessionFacts(SessionId sessionId, ConferenceId conferenceId, LocalDate date, SessionStatus status) {
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Schedule a session; only the chair whose term covers the session's date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record ScheduleSession(
        @TargetAggregateIdentifier SessionId sessionId,
        ConferenceId conferenceId,
        int number,
        SessionKind kind,
        LocalDate date,
        String place,
        DelegationCode actor
) {
}

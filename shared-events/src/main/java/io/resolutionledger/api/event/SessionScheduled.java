package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** The chair of the session's date scheduled a session. */
@Revision("1")
public record SessionScheduled(
        SessionId sessionId,
        ConferenceId conferenceId,
        int number,
        SessionKind kind,
        LocalDate date,
        String place,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/** The chair moved a session not yet opened to another date. */
@Revision("1")
public record SessionPostponed(
        SessionId sessionId,
        LocalDate previousDate,
        LocalDate date,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

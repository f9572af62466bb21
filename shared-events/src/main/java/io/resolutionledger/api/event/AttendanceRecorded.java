package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair recorded a member delegation ({@code delegation}) or a configured guest ({@code guest}, with the
 * name of the person attending) as present or absent; the latest record of each attendee counts. */
@Revision("1")
public record AttendanceRecorded(
        SessionId sessionId,
        DelegationCode delegation,
        DelegationCode guest,
        String name,
        boolean present,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

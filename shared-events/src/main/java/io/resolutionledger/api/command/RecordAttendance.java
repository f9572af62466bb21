package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a member delegation or a configured guest (one of the two) as present or absent; only the chair of
 * the session's date, before the session closes. The actor is the caller's delegation, taken from its token, never from a request body. */
public record RecordAttendance(
        @TargetAggregateIdentifier SessionId sessionId,
        DelegationCode delegation,
        DelegationCode guest,
        String name,
        boolean present,
        DelegationCode actor
) {
}

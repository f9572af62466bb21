package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair opened the session: votes on its agenda may be opened. */
@Revision("1")
public record SessionOpened(
        SessionId sessionId,
        DelegationCode actor,
        Instant occurredAt
) implements SessionEvent {
}

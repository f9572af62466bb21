package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The sponsor or a co-sponsor changed the text directly: a new version. */
@Revision("1")
public record ResolutionAmended(
        ResolutionId resolutionId,
        long version,
        String title,
        String text,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The chair published an adopted resolution under a reference (e.g. the press release). */
@Revision("1")
public record ResolutionPublished(
        ResolutionId resolutionId,
        long version,
        String reference,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

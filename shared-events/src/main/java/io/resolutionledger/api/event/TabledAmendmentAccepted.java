package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The sponsor accepted a tabled amendment: its text (and title) became a new version. */
@Revision("1")
public record TabledAmendmentAccepted(
        ResolutionId resolutionId,
        AmendmentId amendmentId,
        long version,
        String title,
        String text,
        DelegationCode tabledBy,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

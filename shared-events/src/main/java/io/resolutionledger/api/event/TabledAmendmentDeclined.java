package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The sponsor declined a tabled amendment; the text is unchanged. */
@Revision("1")
public record TabledAmendmentDeclined(
        ResolutionId resolutionId,
        AmendmentId amendmentId,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

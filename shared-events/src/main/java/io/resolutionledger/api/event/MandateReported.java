package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The owner of a mandate (or the chair) reported on it: in progress, or done. A done mandate takes no more reports. */
@Revision("1")
public record MandateReported(
        ResolutionId resolutionId,
        String mandateId,
        MandateStatus status,
        String note,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** Another delegation tabled an amendment against one version, for the sponsor to accept or decline. */
@Revision("1")
public record AmendmentTabled(
        ResolutionId resolutionId,
        AmendmentId amendmentId,
        long baseVersion,
        String title,
        String text,
        String reason,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

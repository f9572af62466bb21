package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The adopted resolution gives a mandate: a task for a member delegation ({@code owner}) to be done by {@code due}
 * (e.g. "noch in diesem Jahr": the year's last day). Recorded by the chair.
 */
@Revision("1")
public record MandateGiven(
        ResolutionId resolutionId,
        String mandateId,
        String task,
        DelegationCode owner,
        LocalDate due,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A member delegation joined as a co-sponsor (the actor is the delegation that joined). */
@Revision("1")
public record CoSponsorJoined(
        ResolutionId resolutionId,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {
}

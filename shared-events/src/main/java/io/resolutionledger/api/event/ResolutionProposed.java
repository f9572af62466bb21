package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A member delegation proposed a resolution for a session's agenda; its text is version 1. */
@Revision("1")
public record ResolutionProposed(
        ResolutionId resolutionId,
        ConferenceId conferenceId,
        SessionId sessionId,
        String title,
        String text,
        List<String> topics,
        DelegationCode sponsor,
        List<DelegationCode> coSponsors,
        DelegationCode actor,
        Instant occurredAt
) implements ResolutionEvent {

    public ResolutionProposed {
        topics = topics == null ? List.of() : List.copyOf(topics);
        coSponsors = coSponsors == null ? List.of() : List.copyOf(coSponsors);
    }
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Propose a resolution for a session's agenda; the actor becomes its sponsor. The actor is the caller's delegation, taken from its token, never from a request body. */
public record ProposeResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        SessionId sessionId,
        String title,
        String text,
        List<String> topics,
        List<DelegationCode> coSponsors,
        DelegationCode actor
) {
    public ProposeResolution {
        topics = topics == null ? List.of() : List.copyOf(topics);
        coSponsors = coSponsors == null ? List.of() : List.copyOf(coSponsors);
    }
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Propose a resolution for a session's agenda; the actor becomes its sponsor. {@code addressees} (free codes such as
 * {@code BUND}, {@code EU}) are whom the Beschluss asks to act, {@code partners} other conferences it is joint with
 * (e.g. {@code WMK}). The actor is the caller's delegation, taken from its token, never from a request body. */
public record ProposeResolution(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        SessionId sessionId,
        String title,
        String text,
        List<String> topics,
        List<DelegationCode> coSponsors,
        List<String> addressees,
        List<String> partners,
        DelegationCode actor
) {
    public ProposeResolution {
        topics = topics == null ? List.of() : List.copyOf(topics);
        coSponsors = coSponsors == null ? List.of() : List.copyOf(coSponsors);
        addressees = addressees == null ? List.of() : List.copyOf(addressees);
        partners = partners == null ? List.of() : List.copyOf(partners);
    }

    /** A proposal addressed to nobody in particular and made by the conference alone. */
    public ProposeResolution(ResolutionId resolutionId, SessionId sessionId, String title, String text,
                             List<String> topics, List<DelegationCode> coSponsors, DelegationCode actor) {
        this(resolutionId, sessionId, title, text, topics, coSponsors, List.of(), List.of(), actor);
    }
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put an item on the agenda of a session not yet closed; only the chair of its date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record AddAgendaItem(
        @TargetAggregateIdentifier SessionId sessionId,
        String itemId,
        AgendaItemKind kind,
        String title,
        ResolutionId resolutionId,
        String presenter,
        DelegationCode actor
) {
}

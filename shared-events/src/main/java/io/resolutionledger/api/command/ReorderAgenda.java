package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Put every item of the agenda in a new order, before the session opens; only the chair of its date. The actor is the caller's delegation, taken from its token, never from a request body. */
public record ReorderAgenda(
        @TargetAggregateIdentifier SessionId sessionId,
        List<String> items,
        DelegationCode actor
) {
}

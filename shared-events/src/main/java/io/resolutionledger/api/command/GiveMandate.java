package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Record a mandate of an adopted resolution; only the chair of its session's date. The id is the ledger's. */
public record GiveMandate(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String mandateId,
        String task,
        DelegationCode owner,
        LocalDate due,
        DelegationCode actor
) {
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Report on a mandate: its owner, or the chair of the resolution's session's date. */
public record ReportOnMandate(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        String mandateId,
        MandateStatus status,
        String note,
        DelegationCode actor
) {
}

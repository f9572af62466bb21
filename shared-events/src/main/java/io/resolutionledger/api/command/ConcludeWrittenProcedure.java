package io.resolutionledger.api.command;

import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.ResolutionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record the outcome of a written procedure whose deadline has passed, exactly as the deadline would have decided it
 * (the rule over the votes cast before the deadline). The ledger decides by itself at the deadline; this command is
 * for what the scheduler could not do: a procedure imported after its deadline (no job is scheduled for a deadline
 * already in the past), or a deadline that no instance fired. The chair of the session's date, or an administrator
 * ({@code admin}, actor null).
 */
public record ConcludeWrittenProcedure(
        @TargetAggregateIdentifier ResolutionId resolutionId,
        DelegationCode actor,
        boolean admin
) {
}

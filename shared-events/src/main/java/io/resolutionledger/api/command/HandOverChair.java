package io.resolutionledger.api.command;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * Hand the chair over to next year's holders: by a holder of the previous year, or, for the very first chair only,
 * by an administrator ({@code actor} is then {@code null} and {@code byAdministrator} true).
 */
public record HandOverChair(
        @TargetAggregateIdentifier ConferenceId conferenceId,
        int year,
        List<DelegationCode> to,
        LocalDate effectiveFrom,
        DelegationCode actor,
        boolean byAdministrator
) {
    public HandOverChair {
        to = to == null ? List.of() : List.copyOf(to);
    }
}

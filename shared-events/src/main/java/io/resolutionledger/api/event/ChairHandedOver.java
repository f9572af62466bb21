package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The chair of a year passed from its holders (empty for the very first chair, set by an administrator) to one or two member delegations, effective from a date of that year. */
@Revision("1")
public record ChairHandedOver(
        ConferenceId conferenceId,
        int year,
        List<DelegationCode> from,
        List<DelegationCode> to,
        LocalDate effectiveFrom,
        DelegationCode actor,
        Instant occurredAt
) implements ConferenceEvent {

    public ChairHandedOver {
        from = from == null ? List.of() : List.copyOf(from);
        to = to == null ? List.of() : List.copyOf(to);
    }
}

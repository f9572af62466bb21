package io.resolutionledger.api.event;

import io.resolutionledger.api.value.*;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** The conference was established with its members and its guests (actor null: an administrator). */
@Revision("1")
public record ConferenceEstablished(
        ConferenceId conferenceId,
        String name,
        List<DelegationCode> members,
        List<DelegationCode> guests,
        DelegationCode actor,
        Instant occurredAt
) implements ConferenceEvent {

    public ConferenceEstablished {
        members = members == null ? List.of() : List.copyOf(members);
        guests = guests == null ? List.of() : List.copyOf(guests);
    }
}

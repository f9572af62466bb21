package io.resolutionledger.api.command;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Establish a conference with its members and guests; an administrator's act (from configuration). */
public record EstablishConference(
        @TargetAggregateIdentifier ConferenceId conferenceId,
        String name,
        List<DelegationCode> members,
        List<DelegationCode> guests
) {
    public EstablishConference {
        members = List.copyOf(members);
        guests = List.copyOf(guests);
    }
}

package io.resolutionledger.api.command;

import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.api.value.DelegationCode;
import io.resolutionledger.api.value.VotingRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Establish a conference with its members, guests and voting rule; an administrator's act (from configuration). */
public record EstablishConference(
        @TargetAggregateIdentifier ConferenceId conferenceId,
        String name,
        List<DelegationCode> members,
        List<DelegationCode> guests,
        VotingRule votingRule
) {
    public EstablishConference {
        members = List.copyOf(members);
        guests = List.copyOf(guests);
    }
}

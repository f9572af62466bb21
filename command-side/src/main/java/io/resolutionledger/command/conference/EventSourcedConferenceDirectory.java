package io.resolutionledger.command.conference;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.value.ConferenceId;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Loads the conference aggregate inside the calling command's unit of work. Axon holds the conference's lock until
 * that unit of work ends, so a hand-over and a decision that depends on the chair do not interleave on one node;
 * across nodes the decision is judged by the session's date, which a later hand-over cannot change.
 */
@Component
class EventSourcedConferenceDirectory implements ConferenceDirectory {

    private final Configuration configuration;

    EventSourcedConferenceDirectory(@Lazy Configuration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ConferenceFacts facts(ConferenceId conferenceId) {
        try {
            return configuration.repository(Conference.class).load(conferenceId.value()).invoke(Conference::facts);
        } catch (AggregateNotFoundException e) {
            throw new LedgerRefusedException(ErrorCode.CONFERENCE_NOT_FOUND, "no conference " + conferenceId);
        }
    }
}

package io.resolutionledger.command.conference;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.value.ConferenceId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads the conference's history (from its latest snapshot on) and replays it through the aggregate's own
 * event-sourcing handlers, without taking the aggregate's lock: every resolution and session command asks who is
 * a member and who held the chair, and a lock held until each of those commands commits would serialize them all
 * on one node. The answer is as fresh as the committed ledger; a hand-over that commits a moment later cannot
 * change it, because chair authority is judged by the session's date and the holders of a past date never change.
 */
@Component
class EventSourcedConferenceDirectory implements ConferenceDirectory {

    private final EventStore eventStore;

    EventSourcedConferenceDirectory(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public ConferenceFacts facts(ConferenceId conferenceId) {
        DomainEventStream history = eventStore.readEvents(conferenceId.value());
        Conference conference = null;
        while (history.hasNext()) {
            DomainEventMessage<?> message = history.next();
            Object payload = message.getPayload();
            if (payload instanceof Conference snapshot) {
                conference = snapshot;
            } else if (payload instanceof ConferenceEstablished established) {
                conference = new Conference();
                conference.on(established);
            } else if (payload instanceof ChairHandedOver handedOver && conference != null) {
                conference.on(handedOver);
            }
        }
        if (conference == null) {
            throw new LedgerRefusedException(ErrorCode.CONFERENCE_NOT_FOUND, "no conference " + conferenceId);
        }
        return conference.facts();
    }
}

package io.resolutionledger.command.conference;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ChairHandedOver;
import io.resolutionledger.api.event.ConferenceEstablished;
import io.resolutionledger.api.value.ConferenceId;
import io.resolutionledger.command.caching.HistoryCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The conference's facts folded from its history through the aggregate's own event-sourcing handlers, without
 * taking the aggregate's lock: every resolution and session command asks who is a member and who held the chair,
 * and a lock held until each of those commands commits would serialize them all on one node. The folded history is
 * kept between commands ({@link HistoryCache}): each lookup asks the store only for events after the last one it
 * has seen, so the answer is as fresh as the committed ledger, also when another instance handed the chair over. A
 * hand-over that commits a moment later cannot change it, because chair authority is judged by the session's date
 * and the holders of a past date never change.
 */
@Component
class EventSourcedConferenceDirectory implements ConferenceDirectory, SmartInitializingSingleton {

    private final EventStore eventStore;
    private final HistoryCache<ConferenceFacts> history;

    EventSourcedConferenceDirectory(@Lazy EventStore eventStore,
                                    @Value("${ledger.commands.directory-cache-size:1000}") long cacheSize) {
        this.eventStore = eventStore;
        this.history = new HistoryCache<>(eventStore,
                payload -> payload instanceof ConferenceEstablished || payload instanceof ChairHandedOver,
                EventSourcedConferenceDirectory::fold, cacheSize);
    }

    @Override
    public ConferenceFacts facts(ConferenceId conferenceId) {
        return history.facts(conferenceId.value());
    }

    /** This instance's own hand-overs reach the cache once committed (the event store is Axon's event bus). */
    @Override
    public void afterSingletonsInstantiated() {
        history.keepCurrentWith(eventStore);
    }

    private static ConferenceFacts fold(String conferenceId, List<Object> payloads) {
        Conference conference = null;
        for (Object payload : payloads) {
            if (payload instanceof ConferenceEstablished established) {
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

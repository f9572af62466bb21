package io.resolutionledger.command.session;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.SessionEvent;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.SessionId;
import io.resolutionledger.command.caching.HistoryCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A session's facts (date, state, attendance) folded from its history through the aggregate's own event-sourcing handlers, without its lock
 * (see {@code EventSourcedConferenceDirectory} for why): proposals and votes of one session do not queue behind each
 * other. The folded history is kept between commands and checked against the store on every lookup
 * ({@link HistoryCache}), so a session opened or closed through another instance is seen at once. A session closed a
 * moment after a vote opened is a race the chair resolves; the ledger shows both.
 */
@Component
class EventSourcedSessionDirectory implements SessionDirectory, SmartInitializingSingleton {

    private final EventStore eventStore;
    private final HistoryCache<SessionFacts> history;

    EventSourcedSessionDirectory(@Lazy EventStore eventStore,
                                 @Value("${ledger.commands.directory-cache-size:1000}") long cacheSize) {
        this.eventStore = eventStore;
        this.history = new HistoryCache<>(eventStore,
                payload -> payload instanceof SessionEvent,
                EventSourcedSessionDirectory::fold, cacheSize);
    }

    @Override
    public SessionFacts facts(SessionId sessionId) {
        return history.facts(sessionId.value());
    }

    /** This instance's own session events reach the cache once committed. */
    @Override
    public void afterSingletonsInstantiated() {
        history.keepCurrentWith(eventStore);
    }

    private static SessionFacts fold(String sessionId, List<Object> payloads) {
        Session session = null;
        for (Object payload : payloads) {
            if (payload instanceof SessionScheduled scheduled) {
                session = new Session();
                session.on(scheduled);
            } else if (session != null && payload instanceof SessionEvent event) {
                session.evolve(event);
            }
        }
        if (session == null) {
            throw new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + sessionId);
        }
        return session.facts();
    }
}

package io.resolutionledger.command.session;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.SessionId;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Reads a session's history through the aggregate's own event-sourcing handlers, without its lock (see
 * {@code EventSourcedConferenceDirectory} for why): proposals and votes of one session do not queue behind each
 * other. A session closed a moment after a vote opened is a race the chair resolves; the ledger shows both.
 */
@Component
class EventSourcedSessionDirectory implements SessionDirectory {

    private final EventStore eventStore;

    EventSourcedSessionDirectory(@Lazy EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public SessionFacts facts(SessionId sessionId) {
        DomainEventStream history = eventStore.readEvents(sessionId.value());
        Session session = null;
        while (history.hasNext()) {
            DomainEventMessage<?> message = history.next();
            Object payload = message.getPayload();
            if (payload instanceof Session snapshot) {
                session = snapshot;
            } else if (payload instanceof SessionScheduled scheduled) {
                session = new Session();
                session.on(scheduled);
            } else if (session != null && payload instanceof SessionOpened opened) {
                session.on(opened);
            } else if (session != null && payload instanceof SessionClosed closed) {
                session.on(closed);
            }
        }
        if (session == null) {
            throw new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + sessionId);
        }
        return session.facts();
    }
}

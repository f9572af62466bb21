package io.resolutionledger.query.sessions;

import io.resolutionledger.api.error.ErrorCode;
import io.resolutionledger.api.error.LedgerRefusedException;
import io.resolutionledger.api.event.ResolutionEvent;
import io.resolutionledger.api.event.SessionEvent;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.api.value.SessionStatus;
import io.resolutionledger.query.eventstore.Bitemporal;
import io.resolutionledger.query.eventstore.EventStoreGateway;
import io.resolutionledger.query.resolutions.ResolutionFold;
import io.resolutionledger.query.resolutions.ResolutionState;
import io.resolutionledger.query.security.Viewer;
import io.resolutionledger.query.sessions.SessionFold.SessionState;
import io.resolutionledger.query.sessions.SessionQueries.AgendaItem;
import io.resolutionledger.query.sessions.SessionQueries.Attendance;
import io.resolutionledger.query.sessions.SessionQueries.Guest;
import io.resolutionledger.query.sessions.SessionQueries.SessionView;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session as it stands now or at a point of bitemporal time travel, folded from the event store: the session's
 * own events with {@link SessionFold}, and each of its resolutions' events with {@link ResolutionFold} (its state and
 * outcome). Reading one session's history and its resolutions' is a handful of indexed reads, and the answer never
 * lags the ledger. Which resolutions belong to it: those its agenda items name and those the read model files under
 * it (proposed for it or transferred to it), each kept if, at that point, it was on this session.
 */
@Component
public class SessionReads {

    /** The outcome of an item that was not a resolution, once the session closed. */
    static final String HELD = "HELD";
    /** The outcome of a resolution that moved to a coming session. */
    static final String TRANSFERRED = "TRANSFERRED";
    /** The outcome of a resolution the closed session did not decide (it may move to a coming one). */
    static final String NOT_DECIDED = "NOT_DECIDED";

    private final EventStoreGateway events;
    private final SessionQueries queries;

    public SessionReads(EventStoreGateway events, SessionQueries queries) {
        this.events = events;
        this.queries = queries;
    }

    public SessionView get(String id, Bitemporal when, Viewer viewer) {
        SessionState session = SessionState.NONE;
        for (SessionEvent event : when.history(events.aggregate(id), SessionEvent.class)) {
            session = SessionFold.evolve(session, event);
        }
        if (!session.exists()) {
            throw new LedgerRefusedException(ErrorCode.SESSION_NOT_FOUND, "no session " + id
                    + (when.travels() ? " at that point" : ""));
        }
        Set<String> resolutionIds = new LinkedHashSet<>();
        session.agenda().stream().filter(i -> i.resolutionId() != null).forEach(i -> resolutionIds.add(i.resolutionId()));
        resolutionIds.addAll(queries.resolutionsOf(id));
        Map<String, ResolutionState> resolutions = new LinkedHashMap<>();
        for (String resolutionId : resolutionIds) {
            ResolutionState state = ResolutionState.NONE;
            for (ResolutionEvent event : when.history(events.aggregate(resolutionId), ResolutionEvent.class)) {
                state = ResolutionFold.evolve(state, event);
            }
            if (state.exists()) {
                resolutions.put(resolutionId, state);
            }
        }

        boolean closed = session.status() == SessionStatus.CLOSED;
        List<AgendaItem> agenda = new ArrayList<>();
        Set<String> onAgenda = new LinkedHashSet<>();
        for (SessionFold.Item item : session.agenda()) {
            ResolutionState r = item.resolutionId() == null ? null : resolutions.get(item.resolutionId());
            if (item.kind() == AgendaItemKind.RESOLUTION && !visible(r, viewer)) {
                continue; // an unpublished resolution's item is not public, not even its title
            }
            if (item.resolutionId() != null) {
                onAgenda.add(item.resolutionId());
            }
            agenda.add(new AgendaItem(item.itemId(), item.number(), item.kind(), item.title(), item.resolutionId(),
                    item.presenter(), closed ? outcome(item, r, id) : null, r == null ? null : r.sponsor(),
                    r == null ? null : r.status(), r == null ? null : r.tally()));
        }
        Map<ResolutionStatus, Integer> outcomes = new EnumMap<>(ResolutionStatus.class);
        resolutions.values().stream().filter(r -> id.equals(r.sessionId()))
                .forEach(r -> outcomes.merge(r.status(), 1, Integer::sum));
        resolutions.values().stream()
                .filter(r -> id.equals(r.sessionId()) && !onAgenda.contains(r.resolutionId()) && visible(r, viewer))
                .sorted(java.util.Comparator.comparing(ResolutionState::createdAt))
                .forEach(r -> agenda.add(new AgendaItem(null, null, AgendaItemKind.RESOLUTION, r.title(),
                        r.resolutionId(), null, closed ? outcome(null, r, id) : null, r.sponsor(), r.status(),
                        r.tally())));

        return new SessionView(session.sessionId(), session.conferenceId(), session.number(), session.kind(),
                session.date(), session.place(), session.status(), session.openedAt(), session.closedAt(),
                List.copyOf(agenda), outcomes, attendance(session), when.asOf(), when.knownAt());
    }

    private static boolean visible(ResolutionState r, Viewer viewer) {
        return r != null && (viewer.member() || r.status() == ResolutionStatus.PUBLISHED);
    }

    private static String outcome(SessionFold.Item item, ResolutionState r, String sessionId) {
        if (r == null) {
            return item != null && item.kind() != AgendaItemKind.RESOLUTION ? HELD : null;
        }
        if (!sessionId.equals(r.sessionId())) {
            return TRANSFERRED;
        }
        return r.status() == ResolutionStatus.PROPOSED || r.status() == ResolutionStatus.VOTING
                ? NOT_DECIDED : r.status().name();
    }

    private static Attendance attendance(SessionState session) {
        List<String> members = session.members().values().stream().filter(SessionFold.Attendee::present)
                .map(SessionFold.Attendee::code).sorted().toList();
        List<Guest> guests = session.guests().values().stream().filter(SessionFold.Attendee::present)
                .sorted(java.util.Comparator.comparing(SessionFold.Attendee::code))
                .map(a -> new Guest(a.code(), a.name())).toList();
        return new Attendance(members, guests);
    }
}

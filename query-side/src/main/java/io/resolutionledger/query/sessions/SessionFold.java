package io.resolutionledger.query.sessions;

import io.resolutionledger.api.event.AgendaItemAdded;
import io.resolutionledger.api.event.AgendaReordered;
import io.resolutionledger.api.event.AttendanceRecorded;
import io.resolutionledger.api.event.SessionCancelled;
import io.resolutionledger.api.event.SessionClosed;
import io.resolutionledger.api.event.SessionEvent;
import io.resolutionledger.api.event.SessionOpened;
import io.resolutionledger.api.event.SessionPostponed;
import io.resolutionledger.api.event.SessionScheduled;
import io.resolutionledger.api.value.AgendaItemKind;
import io.resolutionledger.api.value.SessionKind;
import io.resolutionledger.api.value.SessionStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one fold of a session: {@code evolve(state, event)} is the session after the event, pure (no I/O, no clock):
 * its date, place and status, its agenda items in their order, and who was recorded present (each attendee's latest
 * record counts). Used for every read of one session, now or at a point of time travel.
 */
public final class SessionFold {

    private SessionFold() {
    }

    /** One agenda item (TOP) as the chair put it on the agenda. */
    public record Item(String itemId, int number, AgendaItemKind kind, String title, String resolutionId,
                       String presenter) {
    }

    /** A member or guest's latest attendance record. */
    public record Attendee(String code, String name, boolean present) {
    }

    public record SessionState(String sessionId, String conferenceId, int number, SessionKind kind, LocalDate date,
                               String place, SessionStatus status, Instant openedAt, Instant closedAt,
                               List<Item> agenda, Map<String, Attendee> members, Map<String, Attendee> guests) {

        public static final SessionState NONE = new SessionState(null, null, 0, null, null, null, null, null, null,
                List.of(), Map.of(), Map.of());

        public boolean exists() {
            return sessionId != null;
        }
    }

    public static SessionState evolve(SessionState s, SessionEvent event) {
        if (event instanceof SessionScheduled e) {
            return s.exists() ? s : new SessionState(e.sessionId().value(), e.conferenceId().value(), e.number(),
                    e.kind(), e.date(), e.place(), SessionStatus.SCHEDULED, null, null, List.of(), Map.of(), Map.of());
        }
        if (!s.exists()) {
            return s;
        }
        if (event instanceof SessionOpened e) {
            return with(s, s.date(), SessionStatus.OPEN, e.occurredAt(), s.closedAt(), s.agenda(), s.members(),
                    s.guests());
        } else if (event instanceof SessionClosed e) {
            return with(s, s.date(), SessionStatus.CLOSED, s.openedAt(), e.occurredAt(), s.agenda(), s.members(),
                    s.guests());
        } else if (event instanceof SessionPostponed e) {
            return with(s, e.date(), SessionStatus.POSTPONED, s.openedAt(), s.closedAt(), s.agenda(), s.members(),
                    s.guests());
        } else if (event instanceof SessionCancelled) {
            return with(s, s.date(), SessionStatus.CANCELLED, s.openedAt(), s.closedAt(), s.agenda(), s.members(),
                    s.guests());
        } else if (event instanceof AgendaItemAdded e) {
            List<Item> agenda = new ArrayList<>(s.agenda());
            agenda.add(new Item(e.itemId(), e.number(), e.kind(), e.title(),
                    e.resolutionId() == null ? null : e.resolutionId().value(), e.presenter()));
            return with(s, s.date(), s.status(), s.openedAt(), s.closedAt(), List.copyOf(agenda), s.members(),
                    s.guests());
        } else if (event instanceof AgendaReordered e) {
            Map<String, Item> byId = new LinkedHashMap<>();
            s.agenda().forEach(item -> byId.put(item.itemId(), item));
            List<Item> agenda = new ArrayList<>();
            e.items().forEach(itemId -> {
                Item item = byId.remove(itemId);
                if (item != null) {
                    agenda.add(item);
                }
            });
            agenda.addAll(byId.values()); // the command side names every item; nothing is lost if not
            return with(s, s.date(), s.status(), s.openedAt(), s.closedAt(), List.copyOf(agenda), s.members(),
                    s.guests());
        } else if (event instanceof AttendanceRecorded e) {
            Map<String, Attendee> members = new LinkedHashMap<>(s.members());
            Map<String, Attendee> guests = new LinkedHashMap<>(s.guests());
            if (e.delegation() != null) {
                members.put(e.delegation().value(), new Attendee(e.delegation().value(), e.name(), e.present()));
            } else if (e.guest() != null) {
                guests.put(e.guest().value(), new Attendee(e.guest().value(), e.name(), e.present()));
            }
            return with(s, s.date(), s.status(), s.openedAt(), s.closedAt(), s.agenda(), Map.copyOf(members),
                    Map.copyOf(guests));
        }
        return s;
    }

    private static SessionState with(SessionState s, LocalDate date, SessionStatus status, Instant openedAt,
                                     Instant closedAt, List<Item> agenda, Map<String, Attendee> members,
                                     Map<String, Attendee> guests) {
        return new SessionState(s.sessionId(), s.conferenceId(), s.number(), s.kind(), date, s.place(), status,
                openedAt, closedAt, agenda, members, guests);
    }
}

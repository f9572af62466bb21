package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.*;
import io.resolutionledger.api.value.ResolutionStatus;
import io.resolutionledger.query.resolutions.ResolutionFold;

import java.util.ArrayList;
import java.util.List;

/**
 * Which read-model changes an event causes: the single rule for the live stream and for its replay of missed changes
 * from the event store, so that a reconnecting client receives the same notifications it would have seen live.
 * Pure: event in, changes out.
 * <p>
 * A change is {@code open} (sent to anonymous subscribers) only where anonymous readers of the query API see its
 * effect: the publication of a resolution (its row, its agenda item, the published figures), a session's own
 * schedule, attendance and items that are no resolutions, and the chair. Everything else about a resolution before
 * its publication (its proposal, amendments, votes, adoption, its place on an agenda) and the figures it moves
 * reaches members only, so an anonymous stream names neither its events nor its id.
 */
public final class Changes {

    private Changes() {
    }

    /**
     * @param sessionId the session of the resolution concerned, where the event does not carry it (null if unknown)
     */
    public static List<Change> of(LedgerEvent event, long globalIndex, String sessionId) {
        List<Change> changes = new ArrayList<>(3);
        String type = event.getClass().getSimpleName();
        if (event instanceof ResolutionEvent r) {
            String status = statusAfter(r);
            boolean published = r instanceof ResolutionPublished;
            String rid = r.resolutionId().value();
            changes.add(new Change(Change.RESOLUTION, rid, globalIndex, type, status, published));
            String session = sessionOf(r, sessionId);
            if (changesAgenda(r) && session != null) {
                changes.add(new Change(Change.SESSION, session, globalIndex, type, null, published));
            }
            if (changesFigures(r)) {
                // anonymous figures count published resolutions only: only a publication moves them
                changes.add(new Change(Change.STATS, "all", globalIndex, type, null, published));
            }
        } else if (event instanceof SessionEvent s) {
            changes.add(new Change(Change.SESSION, s.sessionId().value(), globalIndex, type, sessionStatus(s),
                    openToAll(s)));
        } else if (event instanceof ConferenceEvent c) {
            changes.add(new Change(Change.CHAIR, c.conferenceId().value(), globalIndex, type, null, true));
        }
        return changes;
    }

    public static List<Change> of(LedgerEvent event, long globalIndex, String sessionId, String kind) {
        return of(event, globalIndex, sessionId).stream().filter(c -> c.kind().equals(kind)).toList();
    }

    /** The status a session event leaves its session in; null where it does not change it. */
    static String sessionStatus(SessionEvent event) {
        if (event instanceof SessionScheduled) {
            return "SCHEDULED";
        } else if (event instanceof SessionOpened) {
            return "OPEN";
        } else if (event instanceof SessionClosed) {
            return "CLOSED";
        } else if (event instanceof SessionPostponed) {
            return "POSTPONED";
        } else if (event instanceof SessionCancelled) {
            return "CANCELLED";
        }
        return null; // agenda and attendance
    }

    /**
     * Whether anonymous readers see a session event's effect: the agenda they see holds published resolutions only,
     * so a resolution's place on it (and the order among items they cannot all see) is for members.
     */
    static boolean openToAll(SessionEvent event) {
        if (event instanceof AgendaItemAdded added) {
            return added.resolutionId() == null;
        }
        return !(event instanceof AgendaReordered);
    }

    /** The status an event leaves a resolution in, where the event alone decides it (the resolutions' fold). */
    public static String statusAfter(ResolutionEvent event) {
        ResolutionStatus status = ResolutionFold.statusAfter(event);
        return status == null ? null : status.name();
    }

    static boolean changesAgenda(ResolutionEvent event) {
        return statusAfter(event) != null || event instanceof ResolutionAmended
                || event instanceof TabledAmendmentAccepted || event instanceof VoteCast;
    }

    static boolean changesFigures(ResolutionEvent event) {
        return statusAfter(event) != null || event instanceof CoSponsorJoined;
    }

    private static String sessionOf(ResolutionEvent event, String known) {
        if (event instanceof ResolutionProposed p) {
            return p.sessionId().value();
        } else if (event instanceof VoteOpened v) {
            return v.sessionId().value();
        } else if (event instanceof ResolutionAdopted a) {
            return a.sessionId().value();
        } else if (event instanceof ResolutionRejected r) {
            return r.sessionId().value();
        }
        return known;
    }
}

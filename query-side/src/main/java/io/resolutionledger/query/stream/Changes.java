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
                changes.add(new Change(Change.STATS, "all", globalIndex, type, null, true));
            }
        } else if (event instanceof SessionEvent s) {
            String status = s instanceof SessionScheduled ? "SCHEDULED" : s instanceof SessionOpened ? "OPEN" : "CLOSED";
            changes.add(new Change(Change.SESSION, s.sessionId().value(), globalIndex, type, status, true));
        } else if (event instanceof ConferenceEvent c) {
            changes.add(new Change(Change.CHAIR, c.conferenceId().value(), globalIndex, type, null, true));
        }
        return changes;
    }

    public static List<Change> of(LedgerEvent event, long globalIndex, String sessionId, String kind) {
        return of(event, globalIndex, sessionId).stream().filter(c -> c.kind().equals(kind)).toList();
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

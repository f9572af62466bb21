package io.resolutionledger.query.stream;

import io.resolutionledger.api.event.*;

import java.util.ArrayList;
import java.util.List;

/**
 * Which projection changes an event causes: the single rule both for the live stream (each projection publishes
 * its own kind after its commit) and for the replay of missed changes from the audit log, so that a reconnecting
 * client receives the same notifications it would have seen live. Pure: event in, changes out.
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

    /** The status an event leaves a resolution in, where the event alone decides it. */
    public static String statusAfter(ResolutionEvent event) {
        if (event instanceof ResolutionProposed) {
            return "PROPOSED";
        } else if (event instanceof ResolutionWithdrawn) {
            return "WITHDRAWN";
        } else if (event instanceof VoteOpened) {
            return "VOTING";
        } else if (event instanceof ResolutionAdopted) {
            return "ADOPTED";
        } else if (event instanceof ResolutionRejected) {
            return "REJECTED";
        } else if (event instanceof ResolutionPublished) {
            return "PUBLISHED";
        }
        return null;
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

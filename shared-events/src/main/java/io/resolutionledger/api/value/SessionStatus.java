package io.resolutionledger.api.value;

/**
 * A session is scheduled, then opened and closed; before it opens it may be postponed to another date (and is then
 * opened on that date) or cancelled for good.
 */
public enum SessionStatus {
    SCHEDULED, OPEN, CLOSED, POSTPONED, CANCELLED;

    /** Not yet opened, nor cancelled: it may still be prepared (agenda, attendance), moved, cancelled or opened. */
    public boolean isComing() {
        return this == SCHEDULED || this == POSTPONED;
    }
}

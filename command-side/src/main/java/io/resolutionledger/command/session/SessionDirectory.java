package io.resolutionledger.command.session;

import io.resolutionledger.api.value.SessionId;

/** Sessions as other aggregates see them; loaded from the event store in the caller's unit of work. */
public interface SessionDirectory {

    /** @throws io.resolutionledger.api.error.LedgerRefusedException SESSION_NOT_FOUND */
    SessionFacts facts(SessionId sessionId);
}

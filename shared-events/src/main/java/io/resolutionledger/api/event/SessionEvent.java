package io.resolutionledger.api.event;

import io.resolutionledger.api.value.SessionId;

public sealed interface SessionEvent extends LedgerEvent permits SessionScheduled, SessionOpened, SessionClosed,
        SessionPostponed, SessionCancelled, AttendanceRecorded, AgendaItemAdded, AgendaReordered {

    SessionId sessionId();
}

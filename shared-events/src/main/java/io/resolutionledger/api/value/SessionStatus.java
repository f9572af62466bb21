package io.resolutionledger.api.value;

public enum SessionStatus {
    SCHEDULED, OPEN, CLOSED
}

package io.resolutionledger.api.value;

/** Where the follow-up of a mandate stands. */
public enum MandateStatus {
    OPEN, IN_PROGRESS, DONE
}

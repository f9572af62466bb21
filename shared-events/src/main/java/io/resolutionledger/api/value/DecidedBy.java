package io.resolutionledger.api.value;

/** Who or what decided a vote's outcome. */
public enum DecidedBy {
    /** the chair declared it (a vote in a session) */
    CHAIR,
    /** the ledger itself, when a written procedure's deadline came */
    DEADLINE,
    /** the ledger itself, before the deadline, as soon as no remaining vote could change the outcome */
    EARLY_CONCLUSION
}

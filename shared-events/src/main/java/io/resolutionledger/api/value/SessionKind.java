package io.resolutionledger.api.value;

/** Regular sessions are held twice a year; special sessions (Sondersitzungen) are called on demand. */
public enum SessionKind {
    REGULAR, SPECIAL
}

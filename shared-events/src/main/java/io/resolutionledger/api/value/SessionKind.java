package io.resolutionledger.api.value;

/**
 * Regular sessions are held twice a year; special sessions (Sondersitzungen) are called on demand. Informal ones
 * are meetings of the format the conference grew out of (the DMK's "D16"), before its founding: recorded for the
 * history, they take no decisions.
 */
public enum SessionKind {
    REGULAR, SPECIAL, INFORMAL
}

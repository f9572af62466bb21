package io.resolutionledger.api.value;

/** What an agenda item (TOP) deals with: a resolution to decide, a report to hear, or anything else. */
public enum AgendaItemKind {
    RESOLUTION, REPORT, OTHER
}

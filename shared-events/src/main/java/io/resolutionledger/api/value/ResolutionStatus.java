package io.resolutionledger.api.value;

/** Where a resolution stands in its lifecycle (see DESIGN.md). */
public enum ResolutionStatus {
    PROPOSED, WITHDRAWN, VOTING, ADOPTED, REJECTED, PUBLISHED;

    public boolean isFinal() {
        return this == WITHDRAWN || this == REJECTED || this == PUBLISHED;
    }
}

package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a resolution for its whole life; assigned by the ledger when it is proposed. */
public record ResolutionId(String value) implements Comparable<ResolutionId> {

    public ResolutionId {
        Identifiers.requireValid(value, "ResolutionId");
    }

    @JsonCreator
    public static ResolutionId of(String value) {
        return new ResolutionId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(ResolutionId other) {
        return value.compareTo(other.value);
    }

    /** Axon takes an aggregate's identifier from {@code toString()}: it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}

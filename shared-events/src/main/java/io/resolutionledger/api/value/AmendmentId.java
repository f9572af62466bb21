package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies an amendment tabled to a resolution. */
public record AmendmentId(String value) implements Comparable<AmendmentId> {

    public AmendmentId {
        Identifiers.requireValid(value, "AmendmentId");
    }

    @JsonCreator
    public static AmendmentId of(String value) {
        return new AmendmentId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(AmendmentId other) {
        return value.compareTo(other.value);
    }

    /** Axon takes an aggregate's identifier from {@code toString()}: it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}

package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a conference (e.g. {@code DMK}); one ledger may keep several. */
public record ConferenceId(String value) implements Comparable<ConferenceId> {

    public ConferenceId {
        Identifiers.requireValid(value, "ConferenceId");
    }

    @JsonCreator
    public static ConferenceId of(String value) {
        return new ConferenceId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(ConferenceId other) {
        return value.compareTo(other.value);
    }

    /** Axon takes an aggregate's identifier from {@code toString()}: it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}

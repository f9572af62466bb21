package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Identifies a session of the conference; chosen by the chair when scheduling it (e.g. {@code dmk-2024-1}). */
public record SessionId(String value) implements Comparable<SessionId> {

    public SessionId {
        Identifiers.requireValid(value, "SessionId");
    }

    @JsonCreator
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(SessionId other) {
        return value.compareTo(other.value);
    }

    /** Axon takes an aggregate's identifier from {@code toString()}: it must be the bare value. */
    @Override
    public String toString() {
        return value;
    }
}

package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * A delegation acting in a conference: for members an ISO 3166-2 subdivision code such as {@code DE-BY}; guests
 * use a code of the same shape chosen by the conference (e.g. {@code DE-BSI}).
 */
public record DelegationCode(String value) implements Comparable<DelegationCode> {

    public DelegationCode {
        Objects.requireNonNull(value, "delegation code");
        if (!isValid(value)) {
            throw new IllegalArgumentException("not a delegation code (expected e.g. DE-BY): " + value);
        }
    }

    @JsonCreator
    public static DelegationCode of(String value) {
        return new DelegationCode(value);
    }

    /** {@code [A-Z]{2}(-[A-Z0-9]{1,8})?}, by a loop: every event read checks its codes again (see Identifiers). */
    public static boolean isValid(String value) {
        if (value == null || (value.length() != 2 && (value.length() < 4 || value.length() > 11))
                || !upper(value.charAt(0)) || !upper(value.charAt(1))) {
            return false;
        }
        if (value.length() == 2) {
            return true;
        }
        if (value.charAt(2) != '-') {
            return false;
        }
        for (int i = 3; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!upper(c) && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean upper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public int compareTo(DelegationCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}

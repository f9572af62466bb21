package io.resolutionledger.api.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A delegation acting in a conference: for members an ISO 3166-2 subdivision code such as {@code DE-BY}; guests
 * use a code of the same shape chosen by the conference (e.g. {@code DE-BSI}).
 */
public record DelegationCode(String value) implements Comparable<DelegationCode> {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,8})?");

    public DelegationCode {
        Objects.requireNonNull(value, "delegation code");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a delegation code (expected e.g. DE-BY): " + value);
        }
    }

    @JsonCreator
    public static DelegationCode of(String value) {
        return new DelegationCode(value);
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
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

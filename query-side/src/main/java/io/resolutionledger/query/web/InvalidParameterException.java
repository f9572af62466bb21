package io.resolutionledger.query.web;

import java.util.Map;
import java.util.TreeMap;

/** A query parameter that is out of range or malformed: 400 VALIDATION_FAILED naming the fields. */
public class InvalidParameterException extends RuntimeException {

    private final transient Map<String, String> fields;

    public InvalidParameterException(Map<String, String> fields) {
        super("invalid parameters: " + new TreeMap<>(fields), null, false, false);
        this.fields = new TreeMap<>(fields);
    }

    public static InvalidParameterException of(String field, String problem) {
        return new InvalidParameterException(Map.of(field, problem));
    }

    public Map<String, String> fields() {
        return fields;
    }
}

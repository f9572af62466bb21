package io.resolutionledger.api.value;

import java.util.UUID;
import java.util.regex.Pattern;

/** The one shape every identifier of the ledger has: short, URL-safe, printable. */
public final class Identifiers {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Identifiers() {
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    static void requireValid(String value, String kind) {
        if (!isValid(value)) {
            throw new IllegalArgumentException(kind + " must be 1-64 characters of letters, digits, '.', '_' or '-'");
        }
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }
}

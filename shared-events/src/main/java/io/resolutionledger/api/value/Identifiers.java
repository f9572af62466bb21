package io.resolutionledger.api.value;

import java.util.UUID;

/**
 * The one shape every identifier of the ledger has: short, URL-safe, printable, i.e.
 * {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. Checked by a loop rather than that regular expression: every event read
 * checks its identifiers again, and the matcher was a few per cent of a rebuild's CPU.
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > 64 || !alphanumeric(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean alphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
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

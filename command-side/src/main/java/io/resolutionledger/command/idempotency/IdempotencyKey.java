package io.resolutionledger.command.idempotency;

import java.util.Optional;

/**
 * A client's {@code Idempotency-Key}: at most 128 printable ASCII characters (a UUID is typical). Scoped by the
 * caller's subject, so two callers can never see each other's answers.
 */
public record IdempotencyKey(String caller, String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 128;

    public IdempotencyKey {
        if (caller == null || caller.isBlank()) {
            throw new IllegalArgumentException("an idempotency key is scoped by a caller");
        }
        if (!isValid(value)) {
            throw new IllegalArgumentException(HEADER + " must be 1-" + MAX_LENGTH + " printable characters");
        }
    }

    /** The key of a request, if it sent one; throws {@link IllegalArgumentException} for a malformed header. */
    public static Optional<IdempotencyKey> fromHeader(String caller, String header) {
        if (header == null) {
            return Optional.empty();
        }
        return Optional.of(new IdempotencyKey(caller, header));
    }

    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}

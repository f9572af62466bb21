package io.resolutionledger.query.config;

import org.axonframework.common.DateTimeUtils;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the event store's {@code time_stamp} column, which Axon writes as text ({@link DateTimeUtils#formatInstant}:
 * {@code 2026-12-01T17:22:48.123Z}). Axon parses it with {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, twice per
 * event and processor, which was 12 % of the processors' CPU in a rebuild (JFR, BENCHMARKS.md). This reads the one
 * shape Axon writes, {@code uuuu-MM-ddTHH:mm:ss[.fraction]Z} with a four-digit year and 1-9 fraction digits, by
 * hand, and hands everything else (an offset, a lower-case letter, a leap second, a malformed value) to Axon's own
 * parser, which answers or refuses it exactly as before.
 */
final class StoredTimestamps {

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        Instant fast = fast(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /** The instant of a value in Axon's own shape, or null for anything else. */
    static Instant fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            // ".f" to ".fffffffff" before the Z
            int fraction = n - 21;
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(s, 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

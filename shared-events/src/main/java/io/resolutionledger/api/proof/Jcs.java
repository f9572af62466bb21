package io.resolutionledger.api.proof;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * RFC 8785 JSON Canonicalization Scheme: object members sorted by the UTF-16 code units of their names, no
 * whitespace, strings with only the escapes the RFC prescribes, numbers as ECMAScript prints an IEEE 754 double.
 * The ledger's leaves are these bytes, so two honest implementations anywhere produce the same leaf hash.
 * <p>
 * Numbers must be I-JSON numbers (RFC 7493): an integer beyond 2^53 cannot be a double without changing its value, and
 * is refused rather than silently rounded.
 */
public final class Jcs {

    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private Jcs() {
    }

    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String canonicalString(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else if (node.isIntegralNumber()) {
            integral(node, out);
        } else if (node.isNumber()) {
            out.append(number(node.doubleValue()));
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                members.add(it.next());
            }
            // String.compareTo compares UTF-16 code units, exactly what RFC 8785 section 3.2.3 asks for
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static void integral(JsonNode node, StringBuilder out) {
        if (node.canConvertToLong()) {
            long value = node.longValue();
            if (Math.abs(value) <= MAX_SAFE_INTEGER) {
                out.append(value);
                return;
            }
        }
        throw new IllegalArgumentException("integer " + node.asText() + " is not exactly representable as an "
                + "IEEE 754 double (RFC 8785 needs I-JSON numbers)");
    }

    /** RFC 8785 section 3.2.2.2: strings are UTF-8, escaping only '"', '\\' and the controls below U+0020. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw new IllegalArgumentException("lone surrogate in a string: not valid Unicode");
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new IllegalArgumentException("lone surrogate in a string: not valid Unicode");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * ECMAScript's Number::toString (ECMA-262 section 7.1.12.1), which RFC 8785 section 3.2.2.3 adopts: the shortest
     * decimal that reads back as the same double (the closest one when several are as short), printed in plain
     * notation for exponents from -6 to 20 and in {@code d.ddde±n} form otherwise.
     */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("NaN and Infinity are not JSON numbers");
        }
        if (value == 0) {
            return "0"; // also -0
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e21 && Math.abs(value) <= 9.007199254740992E15) {
            return Long.toString((long) value);
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(value));
        BigDecimal shortest = shortest(exact, Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        // strip trailing zeros of the digit string, keeping the value
        int k = digits.length();
        while (k > 1 && digits.charAt(k - 1) == '0') {
            k--;
        }
        int n = digits.length() - shortest.scale(); // value = 0.d1d2... x 10^n
        digits = digits.substring(0, k);
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    /** The shortest decimal (fewest significant digits) that parses back to {@code value}; closest on a tie. */
    private static BigDecimal shortest(BigDecimal exact, double value) {
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            // near a power of two the interval of values reading back is lopsided: the other neighbour may read back
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            BigDecimal other = nearest.compareTo(down) == 0 ? up : down;
            if (other.doubleValue() == value) {
                return other;
            }
        }
        return exact.round(MathContext.DECIMAL64);
    }
}

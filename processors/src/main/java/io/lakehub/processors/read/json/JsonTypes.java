package io.lakehub.processors.read.json;

import io.lakehub.catalog.schema.LakeType;

/**
 * Column types from JSON value kinds. {@code true}/{@code false} are BOOLEAN; an integer is INT
 * when it fits 32 bits, else BIGINT, and beyond 64 bits STRING (kept exactly as written: such
 * numbers are identifiers far more often than quantities, and a double would silently round them);
 * a fraction or exponent is DOUBLE (STRING if it overflows a double); a string is DATE or TIMESTAMP
 * when it has that shape ({@link JsonTemporal}), else STRING; an object or array is JSON.
 */
final class JsonTypes {
    private JsonTypes() {}

    /**
     * The narrowest type holding values of both types: INT+BIGINT = BIGINT, INT/BIGINT+DOUBLE =
     * DOUBLE, DATE+TIMESTAMP = TIMESTAMP, JSON+anything = JSON (every value kept as its JSON text,
     * as DuckDB's read_json does for mixed columns), anything else mixed = STRING. {@code null}
     * means "no value seen yet".
     */
    static LakeType union(LakeType a, LakeType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (a == LakeType.JSON || b == LakeType.JSON) {
            return LakeType.JSON;
        }
        if (isInteger(a) && isInteger(b)) {
            return LakeType.BIGINT;
        }
        if ((isInteger(a) || a == LakeType.DOUBLE) && (isInteger(b) || b == LakeType.DOUBLE)) {
            return LakeType.DOUBLE;
        }
        if (isTemporal(a) && isTemporal(b)) {
            return LakeType.TIMESTAMP;
        }
        return LakeType.STRING;
    }

    /** INT or BIGINT for a value that fits 64 bits. */
    static LakeType ofLong(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? LakeType.INT : LakeType.BIGINT;
    }

    /**
     * A base-10 integer with optional sign and nothing else, without exceptions; {@code null} if
     * {@code s} is not one or does not fit a long. Used only where the user declared a numeric type
     * for a key whose values are quoted.
     */
    static Long parseLong(String s) {
        int n = s.length();
        if (n == 0) {
            return null;
        }
        int i = 0;
        boolean negative = s.charAt(0) == '-';
        if (negative || s.charAt(0) == '+') {
            i++;
        }
        if (i == n) {
            return null;
        }
        long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multiplyMin = limit / 10;
        long acc = 0; // accumulated negatively, so Long.MIN_VALUE is representable
        for (; i < n; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9 || acc < multiplyMin) {
                return null;
            }
            acc *= 10;
            if (acc < limit + d) {
                return null;
            }
            acc -= d;
        }
        return negative ? acc : -acc;
    }

    /**
     * A JSON-number-shaped decimal ({@code -1.5e3}, {@code 42}); {@code null} otherwise or when it
     * overflows a double. The shape is checked first so that parsing cannot fail.
     */
    static Double parseDouble(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int intDigits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : null;
    }

    private static boolean isInteger(LakeType t) {
        return t == LakeType.INT || t == LakeType.BIGINT;
    }

    private static boolean isTemporal(LakeType t) {
        return t == LakeType.DATE || t == LakeType.TIMESTAMP;
    }
}

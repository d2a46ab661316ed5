package io.lakehub.processors.read;

import com.fasterxml.jackson.core.io.NumberInput;
import io.lakehub.catalog.schema.LakeType;

/**
 * Infers column types from text values (CSV cells, JSON strings): the narrowest of BOOLEAN, INT,
 * BIGINT, DOUBLE, DATE, TIMESTAMP that holds every non-empty value seen, else STRING.
 *
 * <p>What each type accepts, exactly (no trimming; anything else is STRING):
 *
 * <ul>
 *   <li>BOOLEAN: {@code true} / {@code false}, any letter case.
 *   <li>INT, BIGINT: {@code [+-]?digits} within 32 / 64 bits. A number with a leading zero ({@code
 *       007}, {@code 01234}) stays STRING: zip codes and identifiers would lose digits otherwise.
 *       An integer beyond 64 bits is STRING too, for the same reason.
 *   <li>DOUBLE: {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?}, finite. {@code NaN} and
 *       {@code Infinity} are STRING: the lake never stores them from text, so a column never changes
 *       type because of a spelling of "not a number".
 *   <li>DATE: {@code yyyy-MM-dd}, a real calendar day.
 *   <li>TIMESTAMP: {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|+hh:mm|-hh:mm|+hhmm|-hhmm]}; without a
 *       zone the time is UTC; fractions beyond microseconds are truncated.
 * </ul>
 *
 * <p>The {@code parse*} methods read the same grammar into the values a batch stores, from a range
 * of a {@code char[]} so that readers parse cells without allocating. They signal "not this type"
 * with a sentinel instead of an exception: bad values are expected input, not exceptional.
 */
public final class TypeInference {

    /** Returned by {@link #parseBoolean}, {@link #parseDate}, {@link #parseTimestampMicros}, {@link #parseInt} for text that is not of that type. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final int[] POW10_INT = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};

    private TypeInference() {}

    /** The narrowest type holding this one non-empty value. */
    public static LakeType narrowest(String value) {
        return narrowest(value.toCharArray(), 0, value.length());
    }

    /** The narrowest type holding the non-empty value {@code buf[off, off+len)}. */
    public static LakeType narrowest(char[] buf, int off, int len) {
        if (len == 0) {
            return LakeType.STRING;
        }
        char c = buf[off];
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            int kind = numberKind(buf, off, len);
            if (kind == NUM_INT) {
                return LakeType.INT;
            } else if (kind == NUM_DOUBLE) {
                return Double.isFinite(NumberInput.parseDouble(buf, off, len, true))
                        ? LakeType.DOUBLE
                        : LakeType.STRING;
            } else if (kind == NUM_BIGINT) {
                return LakeType.BIGINT;
            }
            if (len >= 10 && c != '.') {
                if (len == 10) {
                    return parseDate(buf, off, len) != INVALID ? LakeType.DATE : LakeType.STRING;
                }
                return parseTimestampMicros(buf, off, len) != INVALID ? LakeType.TIMESTAMP : LakeType.STRING;
            }
            return LakeType.STRING;
        }
        if ((len == 4 || len == 5) && parseBoolean(buf, off, len) != INVALID) {
            return LakeType.BOOLEAN;
        }
        return LakeType.STRING;
    }

    /**
     * The narrowest type holding values of both types (e.g. INT + DOUBLE = DOUBLE, DATE + INT =
     * STRING): INT + BIGINT = BIGINT; INT or BIGINT + DOUBLE = DOUBLE; DATE + TIMESTAMP = TIMESTAMP;
     * any other mix is STRING. {@code null} stands for "no value seen yet".
     */
    public static LakeType union(LakeType a, LakeType b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b) {
            return a;
        }
        if (isNumeric(a) && isNumeric(b)) {
            if (a == LakeType.DOUBLE || b == LakeType.DOUBLE) {
                return LakeType.DOUBLE;
            }
            return LakeType.BIGINT;
        }
        if ((a == LakeType.DATE && b == LakeType.TIMESTAMP) || (a == LakeType.TIMESTAMP && b == LakeType.DATE)) {
            return LakeType.TIMESTAMP;
        }
        return LakeType.STRING;
    }

    private static boolean isNumeric(LakeType t) {
        return t == LakeType.INT || t == LakeType.BIGINT || t == LakeType.DOUBLE;
    }

    // ---------------------------------------------------------------- numbers

    private static final int NUM_NONE = 0;
    /** An integer that fits 32 bits. */
    private static final int NUM_INT = 1;
    /** An integer that fits 64 bits but not 32. */
    private static final int NUM_BIGINT = 2;
    /** Decimal or exponent syntax; the value may still overflow to infinity. */
    private static final int NUM_DOUBLE = 3;

    /** Classifies number syntax, or NUM_NONE (including integers beyond 64 bits). */
    private static int numberKind(char[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        char c = buf[i];
        if (c == '-' || c == '+') {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(buf[i])) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && buf[intStart] == '0') {
            return NUM_NONE;
        }
        if (i == end) {
            if (intDigits == 0) {
                return NUM_NONE;
            }
            if (intDigits < 10) {
                return NUM_INT;
            }
            if (intDigits <= 19 && parseLongDigits(buf, off, len) != INVALID) {
                return intDigits == 10 && fitsInt(buf, off, len) ? NUM_INT : NUM_BIGINT;
            }
            if (intDigits == 19 && isLongMin(buf, off, len)) {
                return NUM_BIGINT;
            }
            return NUM_NONE;
        }
        int fracDigits = 0;
        if (buf[i] == '.') {
            i++;
            int fracStart = i;
            while (i < end && isDigit(buf[i])) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0) {
            return NUM_NONE;
        }
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            if (i < end && (buf[i] == '-' || buf[i] == '+')) {
                i++;
            }
            int expStart = i;
            while (i < end && isDigit(buf[i])) {
                i++;
            }
            if (i == expStart) {
                return NUM_NONE;
            }
        }
        return i == end ? NUM_DOUBLE : NUM_NONE;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean fitsInt(char[] buf, int off, int len) {
        long v = parseLongDigits(buf, off, len);
        return v != INVALID && v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    private static final char[] LONG_MIN = "-9223372036854775808".toCharArray();

    private static boolean isLongMin(char[] buf, int off, int len) {
        if (len != LONG_MIN.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[off + i] != LONG_MIN[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code [+-]?digits} without overflow, else INVALID (also for Long.MIN_VALUE itself). One pass,
     * no division: up to 18 digits cannot overflow, the 19th is checked against the limit.
     */
    private static long parseLongDigits(char[] buf, int off, int len) {
        int end = off + len;
        int i = off;
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        int n = end - i;
        if (n == 0 || n > 19) {
            return INVALID;
        }
        int safeEnd = n < 19 ? end : end - 1;
        long v = 0;
        for (; i < safeEnd; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        if (n == 19) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || v > Long.MAX_VALUE / 10 || (v == Long.MAX_VALUE / 10 && d > 7)) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /**
     * A 32-bit integer, or {@link #INVALID}. Same grammar as {@link #narrowest}: leading zeros are
     * refused.
     */
    public static long parseInt(char[] buf, int off, int len) {
        if (len == 0 || hasLeadingZero(buf, off, len)) {
            return INVALID;
        }
        long v = parseLongDigits(buf, off, len);
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? v : INVALID;
    }

    /**
     * Whether {@code buf[off, off+len)} is a 64-bit integer in the inference grammar; read it with
     * {@link #parseLong} afterwards.
     */
    public static boolean isLong(char[] buf, int off, int len) {
        return isIntegerSyntax(buf, off, len)
                && (parseLongDigits(buf, off, len) != INVALID || isLongMin(buf, off, len));
    }

    /**
     * A 64-bit integer. For text that is not one the result is {@link #INVALID}, which is also the
     * value of the text {@code -9223372036854775808}: when it returns INVALID, ask {@link #isLong}.
     */
    public static long parseLong(char[] buf, int off, int len) {
        if (len == 0 || hasLeadingZero(buf, off, len)) {
            return INVALID;
        }
        return parseLongDigits(buf, off, len);
    }

    /** {@code 0} followed by more characters, after an optional sign (zip codes, "007"). */
    private static boolean hasLeadingZero(char[] buf, int off, int len) {
        int i = off;
        char c = buf[i];
        if (c == '-' || c == '+') {
            i++;
        }
        return i < off + len - 1 && buf[i] == '0';
    }

    private static boolean isIntegerSyntax(char[] buf, int off, int len) {
        if (len == 0) {
            return false;
        }
        int i = off;
        int end = off + len;
        char c = buf[i];
        if (c == '-' || c == '+') {
            i++;
        }
        if (i == end || (buf[i] == '0' && end - i > 1)) {
            return false;
        }
        for (; i < end; i++) {
            if (!isDigit(buf[i])) {
                return false;
            }
        }
        return true;
    }

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long TWO_TO_53 = 1L << 53;

    /**
     * A finite double (integers included), or NaN for text that is not one. Decimals whose digits
     * fit 53 bits and whose decimal exponent is within 22 are computed with one exact IEEE
     * operation (Clinger's fast path, correctly rounded); anything else goes to Jackson's
     * FastDoubleParser.
     */
    public static double parseDouble(char[] buf, int off, int len) {
        if (len == 0) {
            return Double.NaN;
        }
        int end = off + len;
        int i = off;
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int digits = 0;
        int intStart = i;
        for (; i < end; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (digits < 18) {
                mantissa = mantissa * 10 + d;
            }
            digits++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && buf[intStart] == '0') {
            return Double.NaN;
        }
        int fracDigits = 0;
        if (i < end && buf[i] == '.') {
            i++;
            int fracStart = i;
            for (; i < end; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (digits < 18) {
                    mantissa = mantissa * 10 + d;
                    fracDigits++;
                }
                digits++;
            }
            if (i - fracStart == 0 && intDigits == 0) {
                return Double.NaN;
            }
        } else if (intDigits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (buf[i] == '-' || buf[i] == '+')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int expStart = i;
            for (; i < end; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (exponent < 100_000) {
                    exponent = exponent * 10 + d;
                }
            }
            if (i == expStart) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return Double.NaN;
        }
        if (digits <= 18 && mantissa <= TWO_TO_53) {
            int e10 = exponent - fracDigits;
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            if (e10 >= -22 && e10 <= 22) {
                double v = e10 < 0 ? mantissa / POW10[-e10] : mantissa * POW10[e10];
                return negative ? -v : v;
            }
        }
        double v = NumberInput.parseDouble(buf, off, len, true);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** 1 for true, 0 for false (any letter case), else {@link #INVALID}. */
    public static long parseBoolean(char[] buf, int off, int len) {
        if (len == 4
                && (buf[off] | 0x20) == 't'
                && (buf[off + 1] | 0x20) == 'r'
                && (buf[off + 2] | 0x20) == 'u'
                && (buf[off + 3] | 0x20) == 'e') {
            return 1;
        }
        if (len == 5
                && (buf[off] | 0x20) == 'f'
                && (buf[off + 1] | 0x20) == 'a'
                && (buf[off + 2] | 0x20) == 'l'
                && (buf[off + 3] | 0x20) == 's'
                && (buf[off + 4] | 0x20) == 'e') {
            return 0;
        }
        return INVALID;
    }

    // ---------------------------------------------------------------- dates and times

    /** Days since 1970-01-01 of a {@code yyyy-MM-dd} date, or {@link #INVALID}. */
    public static long parseDate(char[] buf, int off, int len) {
        if (len != 10 || buf[off + 4] != '-' || buf[off + 7] != '-') {
            return INVALID;
        }
        int year = d4(buf, off);
        int month = d2(buf, off + 5);
        int day = d2(buf, off + 8);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return INVALID;
        }
        return epochDay(year, month, day);
    }

    /**
     * Microseconds since 1970-01-01T00:00:00Z of an ISO-8601 timestamp (see the class comment), or
     * of a bare date at midnight UTC (a DATE value in a TIMESTAMP column); else {@link #INVALID}.
     */
    public static long parseTimestampMicros(char[] buf, int off, int len) {
        if (len == 10) {
            long day = parseDate(buf, off, len);
            return day == INVALID ? INVALID : day * 86_400L * MICROS_PER_SECOND;
        }
        if (len < 19) {
            return INVALID;
        }
        long day = parseDate(buf, off, 10);
        char sep = buf[off + 10];
        if (day == INVALID || (sep != 'T' && sep != ' ') || buf[off + 13] != ':' || buf[off + 16] != ':') {
            return INVALID;
        }
        int hour = d2(buf, off + 11);
        int minute = d2(buf, off + 14);
        int second = d2(buf, off + 17);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return INVALID;
        }
        int i = off + 19;
        int end = off + len;
        long micros = 0;
        if (i < end && buf[i] == '.') {
            i++;
            int start = i;
            while (i < end && isDigit(buf[i])) {
                if (i - start < 6) {
                    micros = micros * 10 + (buf[i] - '0');
                }
                i++;
            }
            int n = i - start;
            if (n == 0) {
                return INVALID;
            }
            if (n < 6) {
                micros *= POW10_INT[6 - n];
            }
        }
        int offsetSeconds = 0;
        if (i < end) {
            char z = buf[i];
            if (z == 'Z') {
                i++;
            } else if (z == '+' || z == '-') {
                int rest = end - i - 1;
                int oh;
                int om;
                if (rest == 5 && buf[i + 3] == ':') {
                    oh = d2(buf, i + 1);
                    om = d2(buf, i + 4);
                } else if (rest == 4) {
                    oh = d2(buf, i + 1);
                    om = d2(buf, i + 3);
                } else {
                    return INVALID;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return INVALID;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
                i = end;
            } else {
                return INVALID;
            }
        }
        if (i != end) {
            return INVALID;
        }
        long seconds = day * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * MICROS_PER_SECOND + micros;
    }

    /** Two decimal digits as an int, or a negative number. */
    private static int d2(char[] buf, int i) {
        int a = buf[i] - '0';
        int b = buf[i + 1] - '0';
        return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b;
    }

    /** Four decimal digits as an int, or a negative number. */
    private static int d4(char[] buf, int i) {
        int hi = d2(buf, i);
        int lo = d2(buf, i + 2);
        return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Proleptic Gregorian days since 1970-01-01 (H. Hinnant's days_from_civil), allocation-free. */
    static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int mp = (month + 9) % 12;
        int doy = (153 * mp + 2) / 5 + day - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    /** Accumulates one column's values; empty strings and nulls count as nulls. */
    public static final class ColumnGuess {
        private LakeType type;

        public void accept(String value) {
            if (value == null || value.isEmpty()) {
                return;
            }
            accept(narrowest(value));
        }

        /** Accepts the value {@code buf[off, off+len)}; an empty range is a null. */
        public void accept(char[] buf, int off, int len) {
            if (len == 0 || type == LakeType.STRING) {
                return;
            }
            accept(narrowest(buf, off, len));
        }

        private void accept(LakeType t) {
            type = type == null ? t : union(type, t);
        }

        /** Whether any non-null value was seen. */
        public boolean sawValue() {
            return type != null;
        }

        /** The inferred type; STRING when every value was null. */
        public LakeType type() {
            return type == null ? LakeType.STRING : type;
        }
    }
}

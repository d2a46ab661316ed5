package io.lakehub.processors.read.json;

import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.TypeInference;
import java.time.LocalDate;

/**
 * Recognises dates and timestamps inside JSON strings, with the same shapes CSV type inference
 * accepts: DATE {@code yyyy-MM-dd}; TIMESTAMP {@code yyyy-MM-dd[T ]HH:mm:ss[.fraction][Z|±hh:mm]},
 * no zone meaning UTC, fractions beyond microseconds truncated. Checked character by character,
 * without exceptions, because it runs for every string value in the inference sample and in every
 * DATE/TIMESTAMP column.
 *
 * <p>Kept separate from {@link TypeInference} on purpose: a JSON string is text its author chose
 * to quote, so only dates and timestamps are recognised in it, never numbers or booleans ("01234"
 * stays a string).
 */
final class JsonTemporal {
    /** Returned by {@link #parseDate} for text that is not a date. */
    static final int NOT_A_DATE = Integer.MIN_VALUE;
    /** Returned by {@link #parseTimestamp} for text that is not a timestamp. */
    static final long NOT_A_TIMESTAMP = Long.MIN_VALUE;

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private JsonTemporal() {}

    /** DATE, TIMESTAMP, or STRING for any other text. */
    static LakeType classify(String s) {
        int n = s.length();
        if (n == 10) {
            return parseDate(s) != NOT_A_DATE ? LakeType.DATE : LakeType.STRING;
        }
        if (n >= 19 && parseTimestamp(s) != NOT_A_TIMESTAMP) {
            return LakeType.TIMESTAMP;
        }
        return LakeType.STRING;
    }

    /** Days since 1970-01-01 for {@code yyyy-MM-dd}, else {@link #NOT_A_DATE}. */
    static int parseDate(String s) {
        if (s.length() != 10) {
            return NOT_A_DATE;
        }
        long day = dateAt(s);
        return day == NOT_A_TIMESTAMP ? NOT_A_DATE : (int) day;
    }

    /**
     * Microseconds since the epoch (UTC) for a timestamp, or for a date (its midnight UTC), else
     * {@link #NOT_A_TIMESTAMP}.
     */
    static long parseTimestamp(String s) {
        int n = s.length();
        if (n < 10) {
            return NOT_A_TIMESTAMP;
        }
        long day = dateAt(s);
        if (day == NOT_A_TIMESTAMP) {
            return NOT_A_TIMESTAMP;
        }
        if (n == 10) {
            return day * MICROS_PER_DAY;
        }
        char sep = s.charAt(10);
        if (n < 19 || (sep != 'T' && sep != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return NOT_A_TIMESTAMP;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_A_TIMESTAMP;
        }
        int i = 19;
        long micros = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && isDigit(s.charAt(i))) {
                if (i - start < 6) {
                    micros = micros * 10 + (s.charAt(i) - '0');
                }
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return NOT_A_TIMESTAMP;
            }
            for (int k = count; k < 6; k++) {
                micros *= 10;
            }
        }
        long offsetSeconds = 0;
        if (i < n) {
            char z = s.charAt(i);
            if (z == 'Z' && i + 1 == n) {
                i++;
            } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return NOT_A_TIMESTAMP;
                }
                offsetSeconds = (oh * 3600L + om * 60L) * (z == '-' ? -1 : 1);
                i = n;
            } else {
                return NOT_A_TIMESTAMP;
            }
        }
        long seconds = day * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return seconds * MICROS_PER_SECOND + micros;
    }

    /** Epoch day of the {@code yyyy-MM-dd} at the start of {@code s}, else NOT_A_TIMESTAMP. */
    private static long dateAt(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return NOT_A_TIMESTAMP;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            return NOT_A_TIMESTAMP;
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    private static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** The non-negative number in {@code s[from, from+count)}, or -1 if any char is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

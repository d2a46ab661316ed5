package io.lakehub.processors.source.jdbc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * Cursor values written as PostgreSQL SQL literals, for statements that cannot take bind
 * parameters ({@code COPY (SELECT ...) TO STDOUT}). Every literal is typed and reads back as
 * exactly the value it was made from:
 *
 * <ul>
 *   <li>numbers from their typed Java values ({@code long}, {@link BigDecimal#toPlainString()},
 *       a double's shortest round-trip form, NaN and infinities included, cast to float8);
 *   <li>strings as {@code E'...'}: a backslash is written {@code \\} and a quote {@code ''}, the
 *       two characters that can end or change an escape string, so the literal means the same
 *       whatever {@code standard_conforming_strings} is; every other character (Unicode included)
 *       stands for itself; NUL, which no PostgreSQL text can hold, is refused;
 *   <li>dates and times as fixed-format strings with an explicit {@code BC} for years before 1 and
 *       microseconds, cast to their type; instants in UTC ({@code +00}) so the session's time zone
 *       plays no part.
 * </ul>
 */
final class PgLiterals {
    private PgLiterals() {}

    /**
     * @throws IllegalArgumentException for a value of a type that has no literal here, or a string
     *     holding NUL
     */
    static String literal(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Long l -> "(" + l + ")::int8";
            case Integer i -> "(" + i + ")::int4";
            case Short s -> "(" + s + ")::int2";
            case BigDecimal d -> "(" + d.toPlainString() + ")::numeric";
            case Double d -> "'" + d + "'::float8";
            case Float f -> "'" + f + "'::float4";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case String s -> string(s);
            case UUID u -> "'" + u + "'::uuid";
            case LocalDate d -> "'" + date(d) + "'::date";
            case LocalTime t -> "'" + time(t) + "'::time";
            case LocalDateTime t -> "'" + timestamp(t, "") + "'::timestamp";
            case OffsetDateTime t ->
                "'" + timestamp(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), "+00") + "'::timestamptz";
            default ->
                throw new IllegalArgumentException(
                        "no SQL literal for a " + value.getClass().getName());
        };
    }

    /** An escape string literal: only backslash and quote need escaping inside {@code E'...'}. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append("E'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("''");
                case '\0' -> throw new IllegalArgumentException("a text value cannot hold NUL");
                default -> sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }

    private static String date(LocalDate d) {
        // The proleptic Gregorian year 0 is 1 BC in PostgreSQL, -1 is 2 BC, ...
        int year = d.getYear();
        boolean bc = year <= 0;
        return String.format(
                Locale.ROOT,
                "%04d-%02d-%02d%s",
                bc ? 1 - year : year,
                d.getMonthValue(),
                d.getDayOfMonth(),
                bc ? " BC" : "");
    }

    private static String time(LocalTime t) {
        if (t.equals(LocalTime.MAX)) {
            // PostgreSQL's time 24:00:00, which Java holds as LocalTime.MAX (as pgjdbc reads it).
            return "24:00:00";
        }
        return String.format(
                Locale.ROOT, "%02d:%02d:%02d.%06d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1_000);
    }

    /** {@code 2026-01-31 10:00:00.000001+00}, or {@code 0001-01-01 00:00:00.000000+00 BC}. */
    private static String timestamp(LocalDateTime t, String offset) {
        String date = date(t.toLocalDate());
        boolean bc = date.endsWith(" BC");
        return (bc ? date.substring(0, date.length() - 3) : date) + " " + time(t.toLocalTime()) + offset
                + (bc ? " BC" : "");
    }
}

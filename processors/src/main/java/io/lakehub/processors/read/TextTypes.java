package io.lakehub.processors.read;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The column types the text readers (CSV, JSON, NDJSON) can produce from text values, and the
 * strict text forms of the types they never infer but read when a dataset column or a type
 * override asks for them: {@code decimal(p,s)} (plain or exponent notation, exact at scale s),
 * {@code time} ({@code HH:mm[:ss[.f]]}), {@code timestamp_ntz} ({@code yyyy-MM-dd[( |T)HH:mm[:ss[.f]]]},
 * no offset) and {@code uuid} (8-4-4-4-12 hex). Lists come from Parquet files and databases only.
 */
public final class TextTypes {
    static final Set<LakeType> READABLE = EnumSet.complementOf(EnumSet.of(LakeType.LIST));

    /** {@link #READABLE} as the config spells them, for messages. */
    public static final String NAMES =
            "boolean, int, bigint, double, decimal(p,s), date, time, timestamp, timestamp_ntz, uuid, string, json,"
                    + " binary";

    /** Returned by the parse methods for text that is not a value of the type. */
    public static final long INVALID = Long.MIN_VALUE;

    private TextTypes() {}

    public static boolean readable(LakeType type) {
        return READABLE.contains(type);
    }

    /** The value at the field's scale, or {@code null} if it is not a number or needs rounding or more digits. */
    public static BigDecimal decimal(String text, LakeField field) {
        BigDecimal v;
        try {
            v = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return rescale(v, field);
    }

    /** {@code value} at the field's scale, or {@code null} when that would round or exceed its precision. */
    static BigDecimal rescale(BigDecimal value, LakeField field) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(field.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException rounds) {
            return null;
        }
        return scaled.precision() - scaled.scale() <= field.precision() - field.scale() ? scaled : null;
    }

    /** Microseconds since midnight, or {@link #INVALID}; nanoseconds beyond micros are refused. */
    public static long time(String text) {
        try {
            LocalTime t = LocalTime.parse(text.trim());
            return t.getNano() % 1000 != 0 ? INVALID : t.toNanoOfDay() / 1000;
        } catch (DateTimeParseException e) {
            return INVALID;
        }
    }

    /** Wall-clock microseconds since 1970-01-01T00:00 (a date alone is midnight), or {@link #INVALID}. */
    public static long localTimestamp(String text) {
        String t = text.trim();
        try {
            LocalDateTime ldt = t.length() == 10
                    ? LocalDate.parse(t).atStartOfDay()
                    : LocalDateTime.parse(t.length() > 10 && t.charAt(10) == ' ' ? t.replace(' ', 'T') : t);
            if (ldt.getNano() % 1000 != 0) {
                return INVALID;
            }
            return Math.addExact(
                    Math.multiplyExact(ldt.toEpochSecond(ZoneOffset.UTC), 1_000_000L), ldt.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            return INVALID;
        }
    }

    /** The UUID in its canonical 36-character form (any case), or {@code null}. */
    public static UUID uuid(String text) {
        String t = text.trim();
        if (t.length() != 36
                || t.charAt(8) != '-'
                || t.charAt(13) != '-'
                || t.charAt(18) != '-'
                || t.charAt(23) != '-') {
            return null;
        }
        try {
            return UUID.fromString(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

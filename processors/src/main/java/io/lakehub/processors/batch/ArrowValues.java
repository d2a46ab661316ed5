package io.lakehub.processors.batch;

import io.lakehub.catalog.schema.LakeField;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Puts Java values into the batch vectors {@link ArrowSchemas#toArrow} creates, encoded the way the
 * Parquet writer and the readers expect: for sources that hold typed Java values (a JDBC {@code
 * ResultSet}, tests). Each setter grows the vector as needed ({@code setSafe}); a {@code null}
 * value sets the cell null.
 *
 * <pre>
 * decimal(p,s)   BigDecimal (or any integer Number), exactly at scale s and at most p digits
 * date           LocalDate / java.sql.Date
 * time           LocalTime / java.sql.Time
 * timestamp      Instant, OffsetDateTime, ZonedDateTime, java.sql.Timestamp taken as an instant
 * timestamp_ntz  LocalDateTime, wall-clock microseconds since 1970-01-01T00:00
 * uuid           UUID, 16 bytes big-endian (most significant long first)
 * list           java.util.List or Object[] of element values (null elements allowed)
 * </pre>
 *
 * Times and timestamps keep microseconds (a nanosecond fraction, which neither PostgreSQL nor
 * MariaDB stores, is truncated). A decimal that would need rounding or more digits, or a value of
 * the wrong kind, is refused with an {@link IllegalArgumentException} naming the column, never
 * rounded silently. Messages never contain the value.
 */
public final class ArrowValues {
    private ArrowValues() {}

    /** Sets cell {@code index} of {@code vector} (the column {@code field}) to {@code value}. */
    public static void set(FieldVector vector, LakeField field, int index, Object value) {
        if (value == null) {
            vector.setNull(index);
            return;
        }
        switch (field.type()) {
            case BOOLEAN -> ((BitVector) vector).setSafe(index, ((Boolean) value) ? 1 : 0);
            case INT -> ((IntVector) vector).setSafe(index, ((Number) value).intValue());
            case BIGINT -> ((BigIntVector) vector).setSafe(index, ((Number) value).longValue());
            case DOUBLE -> ((Float8Vector) vector).setSafe(index, ((Number) value).doubleValue());
            case DECIMAL -> ((DecimalVector) vector).setSafe(index, decimal(field, value));
            case DATE ->
                ((DateDayVector) vector).setSafe(index, (int) localDate(value).toEpochDay());
            case TIME -> ((TimeMicroVector) vector).setSafe(index, timeMicros(field, value));
            case TIMESTAMP -> ((TimeStampMicroTZVector) vector).setSafe(index, instantMicros(field, value));
            case LOCAL_TIMESTAMP -> ((TimeStampMicroVector) vector).setSafe(index, localMicros(field, value));
            case UUID -> ((FixedSizeBinaryVector) vector).setSafe(index, uuidBytes((UUID) value));
            case STRING, JSON ->
                ((VarCharVector) vector).setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
            case BINARY -> ((VarBinaryVector) vector).setSafe(index, (byte[]) value);
            case LIST -> setList((ListVector) vector, field, index, value);
        }
    }

    private static void setList(ListVector vector, LakeField field, int index, Object value) {
        List<?> items = value instanceof Object[] array ? Arrays.asList(array) : (List<?>) value;
        FieldVector data = vector.getDataVector();
        int start = vector.startNewValue(index);
        for (int k = 0; k < items.size(); k++) {
            set(data, field.element(), start + k, items.get(k));
        }
        vector.endValue(index, items.size());
    }

    /** The value as a BigDecimal at the column's scale, refused if that needs rounding or more digits. */
    public static BigDecimal decimal(LakeField field, Object value) {
        BigDecimal d = switch (value) {
            case BigDecimal b -> b;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            default ->
                throw new IllegalArgumentException("Column '" + field.name() + "' is " + field.typeName()
                        + " but a value is a " + value.getClass().getSimpleName());
        };
        BigDecimal scaled;
        try {
            scaled = d.setScale(field.scale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "Column '" + field.name() + "' is " + field.typeName() + " but a value has more than "
                            + field.scale() + " digits after the point",
                    e);
        }
        if (scaled.precision() - scaled.scale() > field.precision() - field.scale()) {
            throw new IllegalArgumentException("Column '" + field.name() + "' is " + field.typeName()
                    + " but a value has more than " + (field.precision() - field.scale())
                    + " digits before the point");
        }
        return scaled;
    }

    private static LocalDate localDate(Object value) {
        return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
    }

    private static long timeMicros(LakeField field, Object value) {
        LocalTime t = value instanceof java.sql.Time s ? s.toLocalTime() : (LocalTime) value;
        return t.toNanoOfDay() / 1000;
    }

    private static long instantMicros(LakeField field, Object value) {
        Instant t = switch (value) {
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case java.sql.Timestamp s -> s.toInstant();
            default ->
                throw new IllegalArgumentException("Column '" + field.name() + "' is a timestamp (an instant) but a"
                        + " value is a " + value.getClass().getSimpleName() + ", which has no time zone");
        };
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    private static long localMicros(LakeField field, Object value) {
        LocalDateTime t = value instanceof java.sql.Timestamp s ? s.toLocalDateTime() : (LocalDateTime) value;
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1000);
    }

    /** A UUID's 16 bytes as batches and Parquet hold them: big-endian, most significant long first. */
    public static byte[] uuidBytes(UUID value) {
        return ByteBuffer.allocate(ArrowSchemas.UUID_BYTES)
                .putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits())
                .array();
    }
}

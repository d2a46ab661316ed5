package io.lakehub.processors.read;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.vector.BaseVariableWidthVector;
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
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Fills one Arrow batch (built from a {@link LakeSchema} by {@link ArrowSchemas#toArrow}) with
 * values of whatever kind a source yields, converting each to its column's type: an integer into
 * a DOUBLE column, a date into a TIMESTAMP column, anything into a STRING column as text, and so
 * on. Every {@code put} returns {@code false} when the value cannot be stored in the column's type
 * (an integer beyond INT's range, a date into an INT column), leaving the cell null; the reader
 * then reports the mismatch with its own line and column.
 *
 * <p>Cells never written stay null. Text renderings: booleans {@code true}/{@code false}, numbers
 * as Java prints them, dates {@code yyyy-MM-dd}, timestamps ISO-8601 in UTC ({@code ...Z}), bytes
 * Base64; into a JSON column each becomes a JSON value (strings quoted).
 */
public final class ArrowBatchBuilder {
    /**
     * A batch ends early once its text and binary columns hold this many bytes, so a run of huge
     * values stays within memory bounds and far from Arrow's 2 GB limit per vector.
     */
    static final long MAX_BATCH_BYTES = 64L << 20;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final LakeSchema schema;
    private final LakeField[] fields;
    private final LakeType[] types;
    private final long maxBatchBytes;
    private VectorSchemaRoot root;
    private FieldVector[] vectors;
    private long variableBytes;

    public ArrowBatchBuilder(LakeSchema schema) {
        this(schema, MAX_BATCH_BYTES);
    }

    ArrowBatchBuilder(LakeSchema schema, long maxBatchBytes) {
        this.schema = schema;
        this.maxBatchBytes = maxBatchBytes;
        this.fields = schema.fields().toArray(LakeField[]::new);
        this.types = schema.fields().stream().map(f -> f.type()).toArray(LakeType[]::new);
    }

    /** The column's type. */
    public LakeType type(int column) {
        return types[column];
    }

    /** The column, with its type's parameters. */
    public LakeField field(int column) {
        return fields[column];
    }

    /** Clears {@code batch} for a new batch, keeping its buffers for reuse. */
    public void begin(VectorSchemaRoot batch) {
        List<FieldVector> fieldVectors = batch.getFieldVectors();
        if (fieldVectors.size() != types.length) {
            throw new IllegalArgumentException("The batch has " + fieldVectors.size() + " columns but the reader"
                    + " produces " + types.length + "; create it from the reader's schema() after readAs()");
        }
        vectors = new FieldVector[types.length];
        for (int i = 0; i < types.length; i++) {
            FieldVector v = fieldVectors.get(i);
            LakeField actual = ArrowSchemas.lakeField(v.getField());
            if (!actual.sameType(fields[i])) {
                throw new IllegalArgumentException("Batch column " + (i + 1) + " ('" + v.getName() + "') is "
                        + actual.typeName() + " but the reader produces "
                        + fields[i].typeName() + " for '"
                        + schema.fields().get(i).name()
                        + "'; create the batch from the reader's schema() after readAs()");
            }
            if (v.getValueCapacity() == 0) {
                v.allocateNew();
            } else {
                v.reset();
            }
            vectors[i] = v;
        }
        root = batch;
        variableBytes = 0;
    }

    /** True once the batch holds {@link #MAX_BATCH_BYTES} (or the limit given) of text/binary. */
    public boolean full() {
        return variableBytes >= maxBatchBytes;
    }

    /** Sets the row count of every column and of the batch. */
    public void end(int rows) {
        for (FieldVector v : vectors) {
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
    }

    /**
     * Makes a cell null again after a value was put into it (a JSON key repeated in one object
     * whose last value is null). Only for the row being filled: no later row may have been written.
     */
    public void putNull(int column, int row) {
        vectors[column].setNull(row);
    }

    public boolean putBoolean(int column, int row, boolean value) {
        return switch (types[column]) {
            case BOOLEAN -> {
                ((BitVector) vectors[column]).setSafe(row, value ? 1 : 0);
                yield true;
            }
            case STRING, JSON -> text(column, row, value ? "true" : "false");
            default -> false;
        };
    }

    public boolean putLong(int column, int row, long value) {
        return switch (types[column]) {
            case INT -> {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    yield false;
                }
                ((IntVector) vectors[column]).setSafe(row, (int) value);
                yield true;
            }
            case BIGINT -> {
                ((BigIntVector) vectors[column]).setSafe(row, value);
                yield true;
            }
            case DOUBLE -> {
                ((Float8Vector) vectors[column]).setSafe(row, (double) value);
                yield true;
            }
            case DECIMAL -> putDecimal(column, row, BigDecimal.valueOf(value));
            case STRING, JSON -> text(column, row, Long.toString(value));
            default -> false;
        };
    }

    /**
     * An exact decimal: into a DECIMAL column when it fits the column's precision and scale without
     * rounding, a DOUBLE column as the nearest double, a STRING or JSON column as its plain digits.
     */
    public boolean putDecimal(int column, int row, BigDecimal value) {
        return switch (types[column]) {
            case DECIMAL -> {
                BigDecimal scaled = rescale(value, fields[column]);
                if (scaled == null) {
                    yield false;
                }
                ((DecimalVector) vectors[column]).setSafe(row, scaled);
                yield true;
            }
            case DOUBLE -> {
                ((Float8Vector) vectors[column]).setSafe(row, value.doubleValue());
                yield true;
            }
            case STRING, JSON -> text(column, row, value.toPlainString());
            default -> false;
        };
    }

    private static BigDecimal rescale(BigDecimal value, LakeField field) {
        return TextTypes.rescale(value, field);
    }

    /** A time of day in microseconds since midnight. */
    public boolean putTime(int column, int row, long micros) {
        return switch (types[column]) {
            case TIME -> {
                ((TimeMicroVector) vectors[column]).setSafe(row, micros);
                yield true;
            }
            case STRING -> text(column, row, timeText(micros));
            case JSON -> quoted(column, row, timeText(micros));
            default -> false;
        };
    }

    /**
     * A timestamp without zone in wall-clock microseconds since 1970-01-01T00:00; into a TIMESTAMP
     * column (only when a type override asks for it) it is taken as UTC.
     */
    public boolean putLocalTimestamp(int column, int row, long micros) {
        return switch (types[column]) {
            case LOCAL_TIMESTAMP -> {
                ((TimeStampMicroVector) vectors[column]).setSafe(row, micros);
                yield true;
            }
            case TIMESTAMP -> {
                ((TimeStampMicroTZVector) vectors[column]).setSafe(row, micros);
                yield true;
            }
            case STRING -> text(column, row, localTimestampText(micros));
            case JSON -> quoted(column, row, localTimestampText(micros));
            default -> false;
        };
    }

    public boolean putUuid(int column, int row, UUID value) {
        return switch (types[column]) {
            case UUID -> {
                ((FixedSizeBinaryVector) vectors[column]).setSafe(row, uuidBytes(value));
                yield true;
            }
            case STRING -> text(column, row, value.toString());
            case JSON -> quoted(column, row, value.toString());
            default -> false;
        };
    }

    /**
     * A list into a LIST column; {@code elements} hold values exactly as the column's element type
     * keeps them (see {@link #setElement}), {@code null} for a null element.
     */
    public boolean putList(int column, int row, List<?> elements) {
        if (types[column] != LakeType.LIST) {
            return false;
        }
        ListVector list = (ListVector) vectors[column];
        FieldVector data = list.getDataVector();
        LakeField element = fields[column].element();
        int start = list.startNewValue(row);
        for (int k = 0; k < elements.size(); k++) {
            Object value = elements.get(k);
            if (value == null) {
                data.setNull(start + k);
            } else if (!setElement(data, start + k, element, value)) {
                // Leave a consistent (empty) list behind; the caller reports the mismatch.
                list.endValue(row, 0);
                return false;
            }
        }
        list.endValue(row, elements.size());
        return true;
    }

    /**
     * One list element: Boolean, Integer (int; date as epoch day), Long (bigint; time, timestamp,
     * timestamp_ntz as micros), Double, BigDecimal (decimal, fitting the element's precision and
     * scale), UUID, byte[] (UTF-8 string or json, binary). Returns false for a value of another kind.
     */
    private boolean setElement(FieldVector v, int index, LakeField element, Object value) {
        switch (element.type()) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    return false;
                }
                ((BitVector) v).setSafe(index, b ? 1 : 0);
            }
            case INT -> {
                if (!(value instanceof Integer i)) {
                    return false;
                }
                ((IntVector) v).setSafe(index, i);
            }
            case DATE -> {
                if (!(value instanceof Integer i)) {
                    return false;
                }
                ((DateDayVector) v).setSafe(index, i);
            }
            case BIGINT -> {
                if (!(value instanceof Long l)) {
                    return false;
                }
                ((BigIntVector) v).setSafe(index, l);
            }
            case TIME -> {
                if (!(value instanceof Long l)) {
                    return false;
                }
                ((TimeMicroVector) v).setSafe(index, l);
            }
            case TIMESTAMP, LOCAL_TIMESTAMP -> {
                if (!(value instanceof Long l)) {
                    return false;
                }
                ((TimeStampVector) v).setSafe(index, l);
            }
            case DOUBLE -> {
                if (!(value instanceof Double d)) {
                    return false;
                }
                ((Float8Vector) v).setSafe(index, d);
            }
            case DECIMAL -> {
                BigDecimal scaled = value instanceof BigDecimal d ? rescale(d, element) : null;
                if (scaled == null) {
                    return false;
                }
                ((DecimalVector) v).setSafe(index, scaled);
            }
            case UUID -> {
                if (!(value instanceof UUID u)) {
                    return false;
                }
                ((FixedSizeBinaryVector) v).setSafe(index, uuidBytes(u));
            }
            case STRING, JSON, BINARY -> {
                if (!(value instanceof byte[] bytes)) {
                    return false;
                }
                ((BaseVariableWidthVector) v).setSafe(index, bytes, 0, bytes.length);
                variableBytes += bytes.length;
            }
            case LIST -> {
                return false;
            }
        }
        return true;
    }

    private static byte[] uuidBytes(UUID value) {
        return ByteBuffer.allocate(16)
                .putLong(value.getMostSignificantBits())
                .putLong(value.getLeastSignificantBits())
                .array();
    }

    public boolean putDouble(int column, int row, double value) {
        return switch (types[column]) {
            case DOUBLE -> {
                ((Float8Vector) vectors[column]).setSafe(row, value);
                yield true;
            }
            case STRING -> text(column, row, Double.toString(value));
            // JSON has no literal for NaN or the infinities.
            case JSON -> Double.isFinite(value) && text(column, row, Double.toString(value));
            default -> false;
        };
    }

    public boolean putDate(int column, int row, int epochDay) {
        return switch (types[column]) {
            case DATE -> {
                ((DateDayVector) vectors[column]).setSafe(row, epochDay);
                yield true;
            }
            case TIMESTAMP -> {
                ((TimeStampMicroTZVector) vectors[column]).setSafe(row, epochDay * MICROS_PER_DAY);
                yield true;
            }
            case LOCAL_TIMESTAMP -> {
                ((TimeStampMicroVector) vectors[column]).setSafe(row, epochDay * MICROS_PER_DAY);
                yield true;
            }
            case STRING -> text(column, row, LocalDate.ofEpochDay(epochDay).toString());
            case JSON -> quoted(column, row, LocalDate.ofEpochDay(epochDay).toString());
            default -> false;
        };
    }

    public boolean putTimestamp(int column, int row, long epochMicros) {
        return switch (types[column]) {
            case TIMESTAMP -> {
                ((TimeStampMicroTZVector) vectors[column]).setSafe(row, epochMicros);
                yield true;
            }
            case STRING -> text(column, row, isoInstant(epochMicros));
            case JSON -> quoted(column, row, isoInstant(epochMicros));
            default -> false;
        };
    }

    /** A text value: stored as is in a STRING column, as a quoted JSON string in a JSON column. */
    public boolean putString(int column, int row, String value) {
        return switch (types[column]) {
            case STRING -> text(column, row, value);
            case JSON -> quoted(column, row, value);
            default -> false;
        };
    }

    /** Like {@link #putString} for text already encoded as UTF-8 (the caller checked it decodes). */
    public boolean putUtf8(int column, int row, byte[] utf8) {
        return switch (types[column]) {
            case STRING -> bytes(column, row, utf8);
            case JSON -> quoted(column, row, new String(utf8, StandardCharsets.UTF_8));
            default -> false;
        };
    }

    /** JSON text (an object, array or literal): stored as is in a JSON or STRING column. */
    public boolean putJson(int column, int row, String json) {
        return switch (types[column]) {
            case JSON, STRING -> text(column, row, json);
            default -> false;
        };
    }

    /** Like {@link #putJson} for JSON text already encoded as UTF-8. */
    public boolean putJsonUtf8(int column, int row, byte[] utf8) {
        return switch (types[column]) {
            case JSON, STRING -> bytes(column, row, utf8);
            default -> false;
        };
    }

    public boolean putBytes(int column, int row, byte[] value) {
        return switch (types[column]) {
            case BINARY -> {
                ((VarBinaryVector) vectors[column]).setSafe(row, value, 0, value.length);
                variableBytes += value.length;
                yield true;
            }
            case STRING -> text(column, row, Base64.getEncoder().encodeToString(value));
            case JSON -> quoted(column, row, Base64.getEncoder().encodeToString(value));
            default -> false;
        };
    }

    /** ISO-8601 instant in UTC with as many fraction digits as needed, e.g. {@code 2024-01-02T03:04:05.123456Z}. */
    public static String isoInstant(long epochMicros) {
        return Instant.ofEpochSecond(
                        Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000L)
                .toString();
    }

    private boolean text(int column, int row, String value) {
        return bytes(column, row, value.getBytes(StandardCharsets.UTF_8));
    }

    private boolean quoted(int column, int row, String value) {
        byte[] inner = JsonStringEncoder.getInstance().quoteAsUTF8(value);
        byte[] json = new byte[inner.length + 2];
        json[0] = '"';
        System.arraycopy(inner, 0, json, 1, inner.length);
        json[json.length - 1] = '"';
        return bytes(column, row, json);
    }

    private boolean bytes(int column, int row, byte[] utf8) {
        ((VarCharVector) vectors[column]).setSafe(row, utf8, 0, utf8.length);
        variableBytes += utf8.length;
        return true;
    }

    /** A time of day as {@code HH:mm:ss[.ffffff]}; 24:00:00 stays 24:00:00 (LocalTime has none). */
    public static String timeText(long micros) {
        return micros >= 86_400_000_000L
                ? "24:00:00"
                : DateTimeFormatter.ISO_LOCAL_TIME.format(LocalTime.ofNanoOfDay(micros * 1000L));
    }

    /** A timestamp without zone as {@code 2024-01-02T03:04:05[.ffffff]}. */
    public static String localTimestampText(long micros) {
        return LocalDateTime.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000,
                        ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }
}

package io.lakehub.processors.read;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

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
final class ArrowBatchBuilder {
    /**
     * A batch ends early once its text and binary columns hold this many bytes, so a run of huge
     * values stays within memory bounds and far from Arrow's 2 GB limit per vector.
     */
    static final long MAX_BATCH_BYTES = 64L << 20;

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final LakeSchema schema;
    private final LakeType[] types;
    private final long maxBatchBytes;
    private VectorSchemaRoot root;
    private FieldVector[] vectors;
    private long variableBytes;

    ArrowBatchBuilder(LakeSchema schema) {
        this(schema, MAX_BATCH_BYTES);
    }

    ArrowBatchBuilder(LakeSchema schema, long maxBatchBytes) {
        this.schema = schema;
        this.maxBatchBytes = maxBatchBytes;
        this.types = schema.fields().stream().map(f -> f.type()).toArray(LakeType[]::new);
    }

    /** The column's type. */
    LakeType type(int column) {
        return types[column];
    }

    /** Clears {@code batch} for a new batch, keeping its buffers for reuse. */
    void begin(VectorSchemaRoot batch) {
        List<FieldVector> fieldVectors = batch.getFieldVectors();
        if (fieldVectors.size() != types.length) {
            throw new IllegalArgumentException("The batch has " + fieldVectors.size() + " columns but the reader"
                    + " produces " + types.length + "; create it from the reader's schema() after readAs()");
        }
        vectors = new FieldVector[types.length];
        for (int i = 0; i < types.length; i++) {
            FieldVector v = fieldVectors.get(i);
            LakeType actual = ArrowSchemas.lakeType(v.getField());
            if (actual != types[i]) {
                throw new IllegalArgumentException("Batch column " + (i + 1) + " ('" + v.getName() + "') is "
                        + actual.displayName() + " but the reader produces "
                        + types[i].displayName() + " for '"
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
    boolean full() {
        return variableBytes >= maxBatchBytes;
    }

    /** Sets the row count of every column and of the batch. */
    void end(int rows) {
        for (FieldVector v : vectors) {
            v.setValueCount(rows);
        }
        root.setRowCount(rows);
    }

    boolean putBoolean(int column, int row, boolean value) {
        return switch (types[column]) {
            case BOOLEAN -> {
                ((BitVector) vectors[column]).setSafe(row, value ? 1 : 0);
                yield true;
            }
            case STRING, JSON -> text(column, row, value ? "true" : "false");
            default -> false;
        };
    }

    boolean putLong(int column, int row, long value) {
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
            case STRING, JSON -> text(column, row, Long.toString(value));
            default -> false;
        };
    }

    boolean putDouble(int column, int row, double value) {
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

    boolean putDate(int column, int row, int epochDay) {
        return switch (types[column]) {
            case DATE -> {
                ((DateDayVector) vectors[column]).setSafe(row, epochDay);
                yield true;
            }
            case TIMESTAMP -> {
                ((TimeStampMicroTZVector) vectors[column]).setSafe(row, epochDay * MICROS_PER_DAY);
                yield true;
            }
            case STRING -> text(column, row, LocalDate.ofEpochDay(epochDay).toString());
            case JSON -> quoted(column, row, LocalDate.ofEpochDay(epochDay).toString());
            default -> false;
        };
    }

    boolean putTimestamp(int column, int row, long epochMicros) {
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
    boolean putString(int column, int row, String value) {
        return switch (types[column]) {
            case STRING -> text(column, row, value);
            case JSON -> quoted(column, row, value);
            default -> false;
        };
    }

    /** Like {@link #putString} for text already encoded as UTF-8 (the caller checked it decodes). */
    boolean putUtf8(int column, int row, byte[] utf8) {
        return switch (types[column]) {
            case STRING -> bytes(column, row, utf8);
            case JSON -> quoted(column, row, new String(utf8, StandardCharsets.UTF_8));
            default -> false;
        };
    }

    /** JSON text (an object, array or literal): stored as is in a JSON or STRING column. */
    boolean putJson(int column, int row, String json) {
        return switch (types[column]) {
            case JSON, STRING -> text(column, row, json);
            default -> false;
        };
    }

    /** Like {@link #putJson} for JSON text already encoded as UTF-8. */
    boolean putJsonUtf8(int column, int row, byte[] utf8) {
        return switch (types[column]) {
            case JSON, STRING -> bytes(column, row, utf8);
            default -> false;
        };
    }

    boolean putBytes(int column, int row, byte[] value) {
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
    static String isoInstant(long epochMicros) {
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
}

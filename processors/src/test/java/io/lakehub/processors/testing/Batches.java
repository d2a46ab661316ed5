package io.lakehub.processors.testing;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowSchemas;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Builds Arrow batches from plain Java rows for tests: String, Integer, Long, Double, Boolean,
 * LocalDate, Instant (TIMESTAMP), byte[], BigDecimal (DECIMAL, at the column's scale), LocalTime
 * (TIME), LocalDateTime (LOCAL_TIMESTAMP), UUID, and a java.util.List of those for LIST (null
 * elements allowed).
 */
public final class Batches {
    private Batches() {}

    public static VectorSchemaRoot of(BufferAllocator allocator, LakeSchema schema, List<List<Object>> rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator);
        root.allocateNew();
        for (int c = 0; c < schema.size(); c++) {
            FieldVector v = root.getVector(c);
            for (int r = 0; r < rows.size(); r++) {
                set(v, r, rows.get(r).get(c));
            }
            v.setValueCount(rows.size());
        }
        root.setRowCount(rows.size());
        return root;
    }

    private static void set(FieldVector v, int r, Object value) {
        if (value == null) {
            if (v instanceof ListVector list) {
                list.setNull(r);
            } else {
                v.setNull(r);
            }
            return;
        }
        switch (v) {
            case BitVector b -> b.setSafe(r, (Boolean) value ? 1 : 0);
            case IntVector i -> i.setSafe(r, (Integer) value);
            case BigIntVector b -> b.setSafe(r, (Long) value);
            case Float8Vector f -> f.setSafe(r, (Double) value);
            case DecimalVector d -> d.setSafe(r, (BigDecimal) value);
            case DateDayVector d -> d.setSafe(r, (int) ((LocalDate) value).toEpochDay());
            case TimeMicroVector t -> t.setSafe(r, ((LocalTime) value).toNanoOfDay() / 1000);
            case TimeStampMicroVector t ->
                t.setSafe(
                        r, ChronoUnit.MICROS.between(Instant.EPOCH, ((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case TimeStampVector t -> t.setSafe(r, ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value));
            case FixedSizeBinaryVector u -> {
                UUID id = (UUID) value;
                u.setSafe(
                        r,
                        ByteBuffer.allocate(16)
                                .putLong(id.getMostSignificantBits())
                                .putLong(id.getLeastSignificantBits())
                                .array());
            }
            case VarCharVector s -> s.setSafe(r, ((String) value).getBytes(StandardCharsets.UTF_8));
            case VarBinaryVector b -> b.setSafe(r, (byte[]) value);
            case ListVector l -> {
                List<?> items = (List<?>) value;
                int start = l.startNewValue(r);
                FieldVector data = l.getDataVector();
                for (int k = 0; k < items.size(); k++) {
                    set(data, start + k, items.get(k));
                }
                data.setValueCount(start + items.size());
                l.endValue(r, items.size());
            }
            default -> throw new IllegalArgumentException("unsupported vector " + v);
        }
    }
}

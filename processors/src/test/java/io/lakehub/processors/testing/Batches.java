package io.lakehub.processors.testing;

import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Builds Arrow batches from plain Java rows for tests (String, Integer, Long, Double, Boolean, LocalDate, Instant, byte[]). */
public final class Batches {
    private Batches() {}

    public static VectorSchemaRoot of(BufferAllocator allocator, LakeSchema schema, List<List<Object>> rows) {
        VectorSchemaRoot root = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator);
        root.allocateNew();
        for (int c = 0; c < schema.size(); c++) {
            FieldVector v = root.getVector(c);
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r).get(c);
                if (value == null) {
                    v.setNull(r);
                    continue;
                }
                switch (v) {
                    case BitVector b -> b.setSafe(r, (Boolean) value ? 1 : 0);
                    case IntVector i -> i.setSafe(r, (Integer) value);
                    case BigIntVector b -> b.setSafe(r, (Long) value);
                    case Float8Vector f -> f.setSafe(r, (Double) value);
                    case DateDayVector d -> d.setSafe(r, (int) ((LocalDate) value).toEpochDay());
                    case TimeStampVector t -> t.setSafe(r, ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) value));
                    case VarCharVector s -> s.setSafe(r, ((String) value).getBytes(StandardCharsets.UTF_8));
                    case VarBinaryVector b -> b.setSafe(r, (byte[]) value);
                    default -> throw new IllegalArgumentException("unsupported vector " + v);
                }
            }
        }
        root.setRowCount(rows.size());
        return root;
    }
}

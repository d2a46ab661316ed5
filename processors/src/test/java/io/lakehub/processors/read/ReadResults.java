package io.lakehub.processors.read;

import io.lakehub.processors.batch.ArrowSchemas;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.util.Text;

/** Test helper: drives a reader the way the ingest does and collects its rows as plain Java values. */
public final class ReadResults {
    private ReadResults() {}

    /**
     * Opens the reader, reads every batch into maps of column name to value (Text as String,
     * dates as epoch days, timestamps as epoch micros, binary as byte[]), and closes it.
     */
    public static List<Map<String, Object>> readAll(BatchReader reader) {
        try (BufferAllocator allocator = new RootAllocator();
                reader) {
            reader.open();
            return drain(reader, allocator);
        }
    }

    /** Reads every remaining batch of an opened reader. */
    public static List<Map<String, Object>> drain(BatchReader reader, BufferAllocator allocator) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
            while (reader.next(batch)) {
                rows.addAll(rowsOf(batch));
            }
        }
        return rows;
    }

    /** Text as String, also inside lists (which may hold nulls). */
    private static Object plain(Object o) {
        if (o instanceof Text t) {
            return t.toString();
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(e -> out.add(plain(e)));
            return out;
        }
        return o;
    }

    public static List<Map<String, Object>> rowsOf(VectorSchemaRoot batch) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < batch.getRowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (FieldVector v : batch.getFieldVectors()) {
                row.put(v.getName(), plain(v.getObject(r)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** Epoch microseconds of an ISO instant, as readers put timestamps into Arrow. */
    public static long micros(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** The 16 big-endian bytes of a UUID, as Arrow holds it. */
    public static byte[] uuidBytes(String uuid) {
        java.util.UUID u = java.util.UUID.fromString(uuid);
        return ByteBuffer.allocate(16)
                .putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits())
                .array();
    }
}

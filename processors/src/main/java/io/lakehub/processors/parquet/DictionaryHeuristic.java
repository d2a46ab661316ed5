package io.lakehub.processors.parquet;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Decides from a sample whether a column's values repeat enough for a dictionary to pay: a column
 * is "nearly unique" when more than {@value #UNIQUE_RATIO} of its first {@value #SAMPLE} non-null
 * values are distinct. Samples too small to tell (fewer than {@value #MIN_VALUES} values) and
 * booleans keep the dictionary, parquet-java's default.
 */
final class DictionaryHeuristic {
    static final int SAMPLE = 4096;
    static final int MIN_VALUES = 256;
    static final double UNIQUE_RATIO = 0.9;

    private DictionaryHeuristic() {}

    static boolean nearlyUnique(FieldVector v, int rows) {
        if (v instanceof BitVector) {
            return false;
        }
        int n = Math.min(rows, SAMPLE);
        Set<Object> distinct = new HashSet<>();
        int values = 0;
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) {
                continue;
            }
            values++;
            distinct.add(key(v, i));
        }
        return values >= MIN_VALUES && distinct.size() > UNIQUE_RATIO * values;
    }

    private static Object key(FieldVector v, int i) {
        if (v instanceof BaseVariableWidthVector text) {
            ArrowBuf offsets = text.getOffsetBuffer();
            int start = offsets.getInt((long) i * 4);
            int end = offsets.getInt((long) (i + 1) * 4);
            byte[] bytes = new byte[end - start];
            text.getDataBuffer().getBytes(start, bytes);
            return ByteBuffer.wrap(bytes);
        }
        if (v instanceof BaseFixedWidthVector fixed) {
            int width = fixed.getTypeWidth();
            ArrowBuf data = fixed.getDataBuffer();
            return width == 4 ? (Object) data.getInt((long) i * 4) : (Object) data.getLong((long) i * width);
        }
        return v.getObject(i);
    }
}

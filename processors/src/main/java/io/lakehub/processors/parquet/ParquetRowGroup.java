package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.batch.ArrowSchemas;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.api.Binary;

/**
 * One row group being encoded in memory: Arrow batches go in through {@link #add}, values are
 * copied straight from the vectors into parquet-java's column writers (no records, no {@code
 * RecordConsumer}), pages are encoded and compressed as they fill. {@link #seal()} finishes the
 * last pages and dictionaries; a {@link ParquetBatchWriter} then appends the sealed group to its
 * file. Not thread-safe, but any one thread may fill and seal it while another writes the file.
 */
public final class ParquetRowGroup implements AutoCloseable {
    /**
     * Rows written column by column before the store checks page sizes; small enough that a page
     * overshoots its target size by little, large enough to keep the per-column loops tight.
     */
    private static final int CHUNK_ROWS = 2048;

    private final ParquetFormat format;
    private final BytesInputCompressor compressor;
    private final ColumnChunkPageWriteStore pageStore;
    private final ColumnWriteStore columnStore;
    private final ColumnWriter[] writers;
    private final LakeField[] fields;
    private final LakeType[] types;
    private final byte[][] textBuffers;
    /** Per column, room for one value built on the heap (a decimal's bytes, a list element's bytes). */
    private final byte[][] scratch;
    /** Per column, the loop that copies its values into its column writer. */
    private final ColumnLoop[] loops;

    private long rows;
    private boolean sealed;
    private boolean closed;

    ParquetRowGroup(ParquetFormat format) {
        this.format = format;
        this.compressor = format.codecs().getCompressor(format.options().codec().parquetName());
        this.pageStore = new ColumnChunkPageWriteStore(
                compressor,
                format.messageType(),
                format.properties().getAllocator(),
                format.properties().getColumnIndexTruncateLength(),
                format.properties().getPageWriteChecksumEnabled());
        this.columnStore = format.properties().newColumnWriteStore(format.messageType(), pageStore, pageStore);
        List<ColumnDescriptor> columns = format.messageType().getColumns();
        this.writers = new ColumnWriter[columns.size()];
        this.fields = new LakeField[columns.size()];
        this.types = new LakeType[columns.size()];
        this.textBuffers = new byte[columns.size()][];
        this.scratch = new byte[columns.size()][];
        this.loops = new ColumnLoop[columns.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columnStore.getColumnWriter(columns.get(i));
            fields[i] = format.schema().fields().get(i);
            types[i] = fields[i].type();
            scratch[i] = new byte[ArrowSchemas.UUID_BYTES];
            loops[i] = loop(types[i]);
        }
    }

    /** Encodes every row of {@code batch}; the batch may be reused once this returns. */
    public void add(VectorSchemaRoot batch) {
        if (sealed) {
            throw new IllegalStateException("row group is sealed");
        }
        int n = batch.getRowCount();
        List<FieldVector> vectors = batch.getFieldVectors();
        if (vectors.size() != writers.length) {
            throw new IllegalArgumentException(
                    "batch has " + vectors.size() + " columns, the file schema " + writers.length);
        }
        boolean[] noNulls = new boolean[writers.length];
        for (int c = 0; c < writers.length; c++) {
            FieldVector v = vectors.get(c);
            noNulls[c] = v.getNullCount() == 0;
            if (v instanceof BaseVariableWidthVector text) {
                textBuffers[c] = copyData(text, n, textBuffers[c]);
            } else if (v instanceof FixedSizeBinaryVector uuids) {
                textBuffers[c] = copyFixed(uuids, n, textBuffers[c]);
            }
        }
        for (int from = 0; from < n; from += CHUNK_ROWS) {
            int to = Math.min(n, from + CHUNK_ROWS);
            for (int c = 0; c < writers.length; c++) {
                loops[c].write(c, vectors.get(c), noNulls[c], from, to);
            }
            for (int r = from; r < to; r++) {
                columnStore.endRecord();
            }
        }
        rows += n;
    }

    /** The text bytes of {@code n} values, on the heap, reusing {@code buffer} when large enough. */
    private static byte[] copyData(BaseVariableWidthVector v, int n, byte[] buffer) {
        int end = n == 0 ? 0 : v.getOffsetBuffer().getInt((long) n * BaseVariableWidthVector.OFFSET_WIDTH);
        byte[] out = buffer != null && buffer.length >= end ? buffer : new byte[Math.max(end, 1024)];
        v.getDataBuffer().getBytes(0, out, 0, end);
        return out;
    }

    /** The {@code n} fixed-width values on the heap, reusing {@code buffer} when large enough. */
    private static byte[] copyFixed(FixedSizeBinaryVector v, int n, byte[] buffer) {
        int end = n * v.getByteWidth();
        byte[] out = buffer != null && buffer.length >= end ? buffer : new byte[Math.max(end, 1024)];
        v.getDataBuffer().getBytes(0, out, 0, end);
        return out;
    }

    /** Writes one column's rows {@code [from, to)}. */
    @FunctionalInterface
    private interface ColumnLoop {
        void write(int c, FieldVector v, boolean noNulls, int from, int to);
    }

    /**
     * The loop for a column of {@code type}. One small method per physical type, called through
     * this interface (a call site that sees several loops does not inline them), rather than one
     * switch holding every loop: the JIT compiles each loop on its own and, when a column writer
     * changes its encoding, recompiles only that loop. As one method of ~6 KB of inlined code, C2
     * compiled it four times (and twice more on stack replacement) in a cold {@code ./lakehub
     * ingest} of the 1M-row benchmark file: a quarter of C2's CPU in that process (ADR 0022).
     */
    private ColumnLoop loop(LakeType type) {
        return switch (type) {
            case INT, DATE -> this::writeInts;
            case BIGINT, TIME, TIMESTAMP, LOCAL_TIMESTAMP -> this::writeLongs;
            case DOUBLE -> this::writeDoubles;
            case BOOLEAN -> this::writeBooleans;
            case STRING, JSON, BINARY -> this::writeTexts;
            case UUID -> this::writeUuids;
            case DECIMAL -> this::writeDecimals;
            case LIST -> (c, v, noNulls, from, to) -> writeLists(c, (ListVector) v, from, to);
        };
    }

    private void writeInts(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                w.write(data.getInt((long) i * 4), 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeLongs(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                w.write(data.getLong((long) i * 8), 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeDoubles(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                w.write(data.getDouble((long) i * 8), 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeBooleans(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                w.write(BitVectorHelper.get(data, i) != 0, 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeTexts(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf offsets = v.getOffsetBuffer();
        byte[] bytes = textBuffers[c];
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                int start = offsets.getInt((long) i * 4);
                int end = offsets.getInt((long) (i + 1) * 4);
                w.write(Binary.fromReusedByteArray(bytes, start, end - start), 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeUuids(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        byte[] bytes = textBuffers[c];
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                w.write(Binary.fromReusedByteArray(bytes, i * ArrowSchemas.UUID_BYTES, ArrowSchemas.UUID_BYTES), 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    private void writeDecimals(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        ArrowBuf data = v.getDataBuffer();
        int precision = fields[c].precision();
        for (int i = from; i < to; i++) {
            if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                writeDecimal(w, data, i, precision, scratch[c], 0, 1);
            } else {
                w.writeNull(0, 0);
            }
        }
    }

    /**
     * Lists as the three-level structure (definition levels: 0 null list, 1 empty list, 2 null
     * element, 3 element; repetition level 1 for every element after a list's first).
     */
    private void writeLists(int c, ListVector v, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf offsets = v.getOffsetBuffer();
        FieldVector elements = v.getDataVector();
        LakeField element = fields[c].element();
        for (int i = from; i < to; i++) {
            if (v.isNull(i)) {
                w.writeNull(0, 0);
                continue;
            }
            int start = offsets.getInt((long) i * ListVector.OFFSET_WIDTH);
            int end = offsets.getInt((long) (i + 1) * ListVector.OFFSET_WIDTH);
            if (start == end) {
                w.writeNull(0, 1);
                continue;
            }
            for (int k = start; k < end; k++) {
                int repetition = k == start ? 0 : 1;
                if (elements.isNull(k)) {
                    w.writeNull(repetition, 2);
                } else {
                    writeElement(c, w, element, elements, k, repetition);
                }
            }
        }
    }

    /** One non-null list element at definition level 3. */
    private void writeElement(int c, ColumnWriter w, LakeField element, FieldVector v, int k, int repetition) {
        ArrowBuf data = v.getDataBuffer();
        switch (element.type()) {
            case BOOLEAN -> w.write(BitVectorHelper.get(data, k) != 0, repetition, 3);
            case INT, DATE -> w.write(data.getInt((long) k * 4), repetition, 3);
            case BIGINT, TIME, TIMESTAMP, LOCAL_TIMESTAMP -> w.write(data.getLong((long) k * 8), repetition, 3);
            case DOUBLE -> w.write(data.getDouble((long) k * 8), repetition, 3);
            case DECIMAL -> writeDecimal(w, data, k, element.precision(), scratch[c], repetition, 3);
            case UUID -> {
                data.getBytes((long) k * ArrowSchemas.UUID_BYTES, scratch[c], 0, ArrowSchemas.UUID_BYTES);
                w.write(Binary.fromReusedByteArray(scratch[c], 0, ArrowSchemas.UUID_BYTES), repetition, 3);
            }
            case STRING, JSON, BINARY -> {
                ArrowBuf offsets = v.getOffsetBuffer();
                int start = offsets.getInt((long) k * BaseVariableWidthVector.OFFSET_WIDTH);
                int length = offsets.getInt((long) (k + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
                if (scratch[c].length < length) {
                    scratch[c] = new byte[Math.max(length, scratch[c].length * 2)];
                }
                data.getBytes(start, scratch[c], 0, length);
                w.write(Binary.fromReusedByteArray(scratch[c], 0, length), repetition, 3);
            }
            case LIST -> throw new IllegalStateException("a list element cannot be a list");
        }
    }

    /**
     * One decimal from Arrow's 16-byte little-endian two's complement: INT32 / INT64 for small
     * precisions (the value fits the low bits), else the fixed-length big-endian form.
     */
    private static void writeDecimal(
            ColumnWriter w, ArrowBuf data, int index, int precision, byte[] scratch, int repetition, int definition) {
        long offset = (long) index * DecimalVector.TYPE_WIDTH;
        if (precision <= ParquetDecimals.MAX_INT32_PRECISION) {
            w.write(data.getInt(offset), repetition, definition);
        } else if (precision <= ParquetDecimals.MAX_INT64_PRECISION) {
            w.write(data.getLong(offset), repetition, definition);
        } else {
            int length = ParquetDecimals.fixedLength(precision);
            for (int b = 0; b < length; b++) {
                scratch[b] = data.getByte(offset + length - 1 - b);
            }
            w.write(Binary.fromReusedByteArray(scratch, 0, length), repetition, definition);
        }
    }

    public long rows() {
        return rows;
    }

    /** Encoded (mostly compressed) bytes held so far: what this group adds to its file. */
    public long bufferedBytes() {
        return columnStore.getBufferedSize();
    }

    /** Whether the group reached the row or size limit of its format. */
    public boolean full() {
        return rows >= format.options().rowGroupRows()
                || bufferedBytes() >= format.options().rowGroupBytes();
    }

    /** Encodes the last pages and the dictionaries; no more rows may be added. */
    public void seal() {
        if (!sealed) {
            columnStore.flush();
            sealed = true;
        }
    }

    boolean sealed() {
        return sealed;
    }

    /** Writes this (sealed, non-empty) group as the file's next row group. */
    void writeTo(ParquetFileWriter file) throws IOException {
        seal();
        file.startBlock(rows);
        pageStore.flushToFileWriter(file);
        file.endBlock();
    }

    /** Releases the buffers and the compressor. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (sealed) {
                columnStore.close();
            }
            pageStore.close();
        } finally {
            compressor.release();
        }
    }
}

package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.LakeType;
import java.io.IOException;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
    private final LakeType[] types;
    private final byte[][] textBuffers;
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
        this.types = new LakeType[columns.size()];
        this.textBuffers = new byte[columns.size()][];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columnStore.getColumnWriter(columns.get(i));
            types[i] = format.schema().fields().get(i).type();
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
            }
        }
        for (int from = 0; from < n; from += CHUNK_ROWS) {
            int to = Math.min(n, from + CHUNK_ROWS);
            for (int c = 0; c < writers.length; c++) {
                writeColumn(c, vectors.get(c), noNulls[c], from, to);
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

    private void writeColumn(int c, FieldVector v, boolean noNulls, int from, int to) {
        ColumnWriter w = writers[c];
        ArrowBuf validity = v.getValidityBuffer();
        switch (types[c]) {
            case INT, DATE -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = from; i < to; i++) {
                    if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                        w.write(data.getInt((long) i * 4), 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case BIGINT, TIMESTAMP -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = from; i < to; i++) {
                    if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                        w.write(data.getLong((long) i * 8), 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case DOUBLE -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = from; i < to; i++) {
                    if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                        w.write(data.getDouble((long) i * 8), 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case BOOLEAN -> {
                ArrowBuf data = v.getDataBuffer();
                for (int i = from; i < to; i++) {
                    if (noNulls || BitVectorHelper.get(validity, i) != 0) {
                        w.write(BitVectorHelper.get(data, i) != 0, 0, 1);
                    } else {
                        w.writeNull(0, 0);
                    }
                }
            }
            case STRING, JSON, BINARY -> {
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

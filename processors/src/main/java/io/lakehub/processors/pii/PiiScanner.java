package io.lakehub.processors.pii;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Classifies every column of a table from its Arrow batches, offered in order.
 *
 * <p>Sampling, per column ({@link ScanOptions}): the first {@code sampleSize / 2} non-null values,
 * then the rest at random gaps of 1 to {@code 2 * meanGap - 1} rows drawn from a {@link
 * SplittableRandom} seeded with {@code seed} and the column's position (so the same table gives the
 * same sample). The gap phase jumps straight to the sampled rows, so its cost does not depend on the
 * batch size. A column stops at {@code sampleSize} values or after {@code maxRows} rows; once every
 * column has stopped, {@link #offer} only counts rows. Sampled text cells are read straight from the
 * vector's buffers, at most {@code 4 * maxCellChars} bytes of a cell.
 *
 * <p>Not thread-safe: one scanner per ingest or per stream.
 */
public final class PiiScanner {
    private final List<LakeField> fields;
    private final ScanOptions options;
    private final ColumnScanner[] columns;
    private final long[] nextRow;
    private final boolean[] stopped;
    private final SplittableRandom[] random;
    private final int head;
    private int active;
    private long rows;
    private byte[] cell = new byte[256];

    /** A scanner of the columns {@code fields} (batches may hold other columns: they are ignored). */
    public PiiScanner(List<LakeField> fields, ScanOptions options) {
        this.fields = List.copyOf(fields);
        this.options = options;
        int n = this.fields.size();
        columns = new ColumnScanner[n];
        nextRow = new long[n];
        stopped = new boolean[n];
        random = new SplittableRandom[n];
        head = (options.sampleSize() + 1) / 2;
        for (int c = 0; c < n; c++) {
            columns[c] = new ColumnScanner(this.fields.get(c), options);
            random[c] = new SplittableRandom(options.seed() * 31 + c);
            stopped[c] = columns[c].isFull();
            if (!stopped[c]) {
                active++;
            }
        }
    }

    /** A scanner of every column of {@code schema}. */
    public PiiScanner(LakeSchema schema, ScanOptions options) {
        this(schema.fields(), options);
    }

    /**
     * Scans the sampled rows of the next batch of the table. Columns of the scanner that the batch
     * lacks are skipped for this batch.
     */
    public void offer(VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (active > 0) {
            for (int c = 0; c < columns.length; c++) {
                if (!stopped[c]) {
                    FieldVector v = batch.getVector(fields.get(c).name());
                    if (v != null) {
                        sample(c, v, n);
                    }
                    if (columns[c].isFull() || rows + n >= options.maxRows()) {
                        stopped[c] = true;
                        active--;
                    }
                }
            }
        }
        rows += n;
    }

    private void sample(int c, FieldVector v, int n) {
        ColumnScanner column = columns[c];
        long i = Math.max(nextRow[c], rows);
        while (i < rows + n && !column.isFull()) {
            int row = (int) (i - rows);
            if (!v.isNull(row)) {
                read(column, v, row);
            }
            if (column.sampled() < head) {
                i++;
            } else {
                i += 1 + random[c].nextInt(2 * options.meanGap() - 1);
            }
        }
        nextRow[c] = i;
    }

    private void read(ColumnScanner column, FieldVector v, int row) {
        switch (v) {
            case VarBinaryVector b -> {} // binary: never PII (the scanner is full from the start)
            case BaseVariableWidthVector text -> {
                ArrowBuf offsets = text.getOffsetBuffer();
                int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
                int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
                int length = Math.min(end - start, 4 * options.maxCellChars());
                if (cell.length < length) {
                    cell = new byte[Math.max(length, 2 * cell.length)];
                }
                text.getDataBuffer().getBytes(start, cell, 0, length);
                column.offerUtf8(cell, 0, length);
            }
            case BigIntVector x -> column.offerLong(x.get(row));
            case IntVector x -> column.offerLong(x.get(row));
            case SmallIntVector x -> column.offerLong(x.get(row));
            case Float8Vector x -> column.offerDouble(x.get(row));
            case Float4Vector x -> column.offerDouble(x.get(row));
            case DecimalVector x -> column.offerDecimal(x.getObject(row));
            case BitVector x -> column.offerBoolean(x.get(row) != 0);
            case DateDayVector x -> column.offerDate(LocalDate.ofEpochDay(x.get(row)));
            case TimeStampMicroTZVector x -> column.offerDateTime(micros(x.get(row)));
            case TimeStampMicroVector x -> column.offerDateTime(micros(x.get(row)));
            default -> column.offer(v.getObject(row));
        }
    }

    private static LocalDateTime micros(long micros) {
        return LocalDateTime.ofEpochSecond(
                Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    }

    /** Whether every column has stopped sampling: further batches cost nothing. */
    public boolean isDone() {
        return active == 0;
    }

    /** Rows offered so far. */
    public long rows() {
        return rows;
    }

    /** One classification per column, in the order of the fields given to the constructor. */
    public List<ColumnClassification> result() {
        List<ColumnClassification> out = new ArrayList<>(columns.length);
        for (ColumnScanner c : columns) {
            out.add(c.classify());
        }
        return out;
    }
}

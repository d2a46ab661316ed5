package io.lakehub.processors.read.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.TextTypes;
import io.lakehub.processors.read.TypeInference;
import io.lakehub.processors.read.ValueMismatchException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * FastCSV callback that parses each cell straight from the parser's {@code char[]} into the Arrow
 * vector of its column: no {@code String} or boxed value per cell. One instance per reader pass;
 * FastCSV calls it on the reading thread only.
 *
 * <p>An unquoted empty cell is null; a quoted empty cell ({@code ""}) is the empty string in a
 * string column and null in any other. A cell that does not parse as its column's type raises
 * {@link ValueMismatchException}; a record with the wrong number of fields raises {@link
 * ReadFailedException}. FastCSV wraps both in its own exception; {@link CsvBatchReader} unwraps.
 */
final class CsvBatchFiller extends AbstractBaseCsvCallbackHandler<Object> {
    private static final Object ROW = new Object();

    private static final byte K_BOOLEAN = 0;
    private static final byte K_INT = 1;
    private static final byte K_BIGINT = 2;
    private static final byte K_DOUBLE = 3;
    private static final byte K_DATE = 4;
    private static final byte K_TIMESTAMP = 5;
    private static final byte K_TEXT = 6;
    private static final byte K_DECIMAL = 7;
    private static final byte K_TIME = 8;
    private static final byte K_LOCAL_TIMESTAMP = 9;
    private static final byte K_UUID = 10;

    private final String fileName;
    private final String[] names;
    private final LakeType[] types;
    private final LakeField[] fields;
    private final byte[] kinds;
    private final int columns;

    private boolean headerPending;
    private boolean skipRecord;
    private long line;
    /** Added to the parser's line numbers: the lines skipped before the parser's input. */
    private final long lineOffset;

    /** Where bad records go; {@code null}: a bad record fails the read. */
    private final BadRecordSink badRecords;
    /** Columns whose type is an explicit override: a value that does not fit is a bad record. */
    private final boolean[] overridden;
    /** Why the current record is bad (set by a cell), or {@code null}. */
    private String badReason;

    private ReadFailedException badFailure;
    /** A value of the current record that did not fit its inferred type, judged when the record ends. */
    private ValueMismatchException pendingMismatch;
    /** One-column files read a blank line as a null row (as DuckDB does). */
    private final boolean blankLinesAreNulls;

    private long commentLines;

    private final FieldVector[] vectors;
    private int row;
    private long textChars;

    private byte[] scratch = new byte[1024];
    /** Per text column: end of the data written so far, and the last row whose offset is set. */
    private final long[] textEnd;

    private final int[] textLastRow;

    /** Cells arrive as one Latin-1 char per UTF-8 byte (see {@link CsvSource}): narrow, do not encode. */
    private final boolean bytesAsLatin1;

    /** Receives the records the filler skips as bad. */
    @FunctionalInterface
    interface BadRecordSink {
        /**
         * @param line where the record starts
         * @param reason what is wrong, without the value
         * @param failure the refusal without a sink
         */
        void badRecord(long line, String reason, ReadFailedException failure);
    }

    CsvBatchFiller(String fileName, LakeSchema schema, boolean header, boolean bytesAsLatin1) {
        this(fileName, schema, header, bytesAsLatin1, 0, null, Set.of());
    }

    /**
     * @param lineOffset lines skipped before the parser's input (added to its line numbers)
     * @param badRecords where bad records go, or {@code null} to fail the read on the first one
     * @param overrides names of the columns whose type is an explicit override
     */
    CsvBatchFiller(
            String fileName,
            LakeSchema schema,
            boolean header,
            boolean bytesAsLatin1,
            long lineOffset,
            BadRecordSink badRecords,
            Set<String> overrides) {
        this.fileName = fileName;
        this.lineOffset = lineOffset;
        this.badRecords = badRecords;
        this.bytesAsLatin1 = bytesAsLatin1;
        List<LakeField> fields = schema.fields();
        this.columns = fields.size();
        this.names = new String[columns];
        this.types = new LakeType[columns];
        this.fields = fields.toArray(LakeField[]::new);
        this.kinds = new byte[columns];
        this.overridden = new boolean[columns];
        this.blankLinesAreNulls = columns == 1;
        for (int i = 0; i < columns; i++) {
            overridden[i] = overrides.contains(fields.get(i).name());
            names[i] = fields.get(i).name();
            types[i] = fields.get(i).type();
            kinds[i] = kind(fileName, fields.get(i));
        }
        this.vectors = new FieldVector[columns];
        this.textEnd = new long[columns];
        this.textLastRow = new int[columns];
        this.headerPending = header;
    }

    private static byte kind(String fileName, LakeField field) {
        return switch (field.type()) {
            case BOOLEAN -> K_BOOLEAN;
            case INT -> K_INT;
            case BIGINT -> K_BIGINT;
            case DOUBLE -> K_DOUBLE;
            case DATE -> K_DATE;
            case TIMESTAMP -> K_TIMESTAMP;
            case STRING, JSON, BINARY -> K_TEXT;
            case DECIMAL -> K_DECIMAL;
            case TIME -> K_TIME;
            case LOCAL_TIMESTAMP -> K_LOCAL_TIMESTAMP;
            case UUID -> K_UUID;
            case LIST ->
                throw new ReadFailedException(
                        fileName + ": column '" + field.name() + "' is " + field.typeName()
                                + " in the dataset; CSV values cannot be read as a list",
                        0,
                        field.name());
        };
    }

    /** Starts filling {@code batch} from row 0, reusing its buffers when they are large enough. */
    void bind(VectorSchemaRoot batch, int capacity) {
        if (batch.getFieldVectors().size() != columns) {
            throw new IllegalArgumentException(
                    "batch has " + batch.getFieldVectors().size() + " columns, the reader's schema " + columns);
        }
        for (int i = 0; i < columns; i++) {
            FieldVector v = batch.getVector(i);
            if (v.getValueCapacity() >= capacity) {
                v.reset();
            } else {
                v.clear();
                v.setInitialCapacity(capacity);
                v.allocateNew();
            }
            vectors[i] = v;
            textEnd[i] = 0;
            textLastRow[i] = -1;
        }
        row = 0;
        textChars = 0;
    }

    /**
     * Completes the text columns' offsets for the rows filled (null rows at the end included), so
     * the vectors are consistent before the caller sets the batch's row count.
     */
    void finishBatch() {
        for (int i = 0; i < columns; i++) {
            if (kinds[i] == K_TEXT) {
                BaseVariableWidthVector v = (BaseVariableWidthVector) vectors[i];
                fillOffsets(v.getOffsetBuffer(), i, row);
                v.setLastSet(row - 1);
            }
        }
    }

    /** Offsets of rows {@code textLastRow+1 .. upTo-1} (nulls: empty ranges) end where the data ends. */
    private void fillOffsets(ArrowBuf offsets, int column, int upTo) {
        int end = (int) textEnd[column];
        for (int r = textLastRow[column] + 1; r < upTo; r++) {
            offsets.setInt((long) (r + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
        }
        if (upTo - 1 > textLastRow[column]) {
            textLastRow[column] = upTo - 1;
        }
    }

    /** Rows filled into the bound batch. */
    int rows() {
        return row;
    }

    /** Characters of text cells in the bound batch, to cap a batch's memory when values are huge. */
    long textChars() {
        return textChars;
    }

    /** Line (1-based, physical) where the current record starts. */
    long line() {
        return line;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber + lineOffset;
        skipRecord = headerPending;
    }

    @Override
    protected void handleField(int idx, char[] buf, int off, int len, boolean quoted) {
        if (skipRecord || idx >= columns) {
            return;
        }
        if (len == 0) {
            if (quoted && kinds[idx] == K_TEXT) {
                writeText(idx, buf, off, 0);
            }
            return;
        }
        switch (kinds[idx]) {
            case K_TEXT -> writeText(idx, buf, off, len);
            case K_INT -> {
                long v = TypeInference.parseInt(buf, off, len);
                if (v == TypeInference.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((IntVector) vectors[idx]).set(row, (int) v);
            }
            case K_BIGINT -> {
                long v = TypeInference.parseLong(buf, off, len);
                if (v == TypeInference.INVALID && !TypeInference.isLong(buf, off, len)) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((BigIntVector) vectors[idx]).set(row, v);
            }
            case K_DOUBLE -> {
                double v = TypeInference.parseDouble(buf, off, len);
                if (Double.isNaN(v)) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((Float8Vector) vectors[idx]).set(row, v);
            }
            case K_BOOLEAN -> {
                long v = TypeInference.parseBoolean(buf, off, len);
                if (v == TypeInference.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((BitVector) vectors[idx]).set(row, (int) v);
            }
            case K_DATE -> {
                long v = TypeInference.parseDate(buf, off, len);
                if (v == TypeInference.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((DateDayVector) vectors[idx]).set(row, (int) v);
            }
            case K_TIMESTAMP -> {
                long v = TypeInference.parseTimestampMicros(buf, off, len);
                if (v == TypeInference.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((TimeStampVector) vectors[idx]).set(row, v);
            }
            case K_DECIMAL -> {
                BigDecimal v = TextTypes.decimal(new String(buf, off, len), fields[idx]);
                if (v == null) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((DecimalVector) vectors[idx]).set(row, v);
            }
            case K_TIME -> {
                long v = TextTypes.time(new String(buf, off, len));
                if (v == TextTypes.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((TimeMicroVector) vectors[idx]).set(row, v);
            }
            case K_LOCAL_TIMESTAMP -> {
                long v = TextTypes.localTimestamp(new String(buf, off, len));
                if (v == TextTypes.INVALID) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((TimeStampMicroVector) vectors[idx]).set(row, v);
            }
            case K_UUID -> {
                UUID v = TextTypes.uuid(new String(buf, off, len));
                if (v == null) {
                    rejectCell(idx, buf, off, len);
                    return;
                }
                ((FixedSizeBinaryVector) vectors[idx])
                        .set(
                                row,
                                ByteBuffer.allocate(16)
                                        .putLong(v.getMostSignificantBits())
                                        .putLong(v.getLeastSignificantBits())
                                        .array());
            }
            default -> throw new IllegalStateException("unknown column kind " + kinds[idx]);
        }
    }

    /**
     * A cell that does not parse as its column's type: in a column with an explicit override and
     * with a sink for bad records, marks the record bad (its other cells are ignored, it is rolled
     * back when it ends); otherwise the refusal, which for an inferred type makes the ingest widen
     * the column and read again.
     */
    private void rejectCell(int idx, char[] buf, int off, int len) {
        ValueMismatchException failure = mismatch(idx, buf, off, len);
        if (badRecords == null) {
            throw failure;
        }
        if (!overridden[idx]) {
            // Decided when the record ends: a value out of place in a row with the wrong number of
            // fields (an unquoted delimiter shifted it) is that row's problem, a bad row, not a
            // reason to widen the column; in a row of the right shape it widens the column.
            skipRecord = true;
            pendingMismatch = failure;
            return;
        }
        skipRecord = true;
        badReason = "column '" + names[idx] + "': value is not a valid " + types[idx].displayName();
        badFailure = failure;
    }

    private ValueMismatchException mismatch(int idx, char[] buf, int off, int len) {
        LakeType suggested = TypeInference.union(types[idx], TypeInference.narrowest(buf, off, len));
        return new ValueMismatchException(fileName, line, names[idx], types[idx], suggested);
    }

    /**
     * Writes the cell's UTF-8 bytes, offset and validity straight into the vector's buffers (the
     * vector's own {@code setSafe} re-checks holes and capacity per value, which showed in profiles).
     */
    private void writeText(int idx, char[] buf, int off, int len) {
        textChars += len;
        byte[] out;
        int n;
        if (bytesAsLatin1) {
            out = narrow(buf, off, len);
            n = len;
        } else {
            out = scratch;
            if (out.length < len * 3) {
                out = scratch = new byte[Math.max(len * 3, out.length * 2)];
            }
            n = Utf8.encode(buf, off, len, out);
        }
        BaseVariableWidthVector v = (BaseVariableWidthVector) vectors[idx];
        long start = textEnd[idx];
        long end = start + n;
        if (end > Integer.MAX_VALUE) {
            throw new ReadFailedException(
                    fileName + ": line " + line + ": column '" + names[idx] + "' holds more than 2 GiB of text"
                            + " in one batch",
                    line,
                    names[idx]);
        }
        while (v.getDataBuffer().capacity() < end) {
            v.reallocDataBuffer();
        }
        ArrowBuf offsets = v.getOffsetBuffer();
        fillOffsets(offsets, idx, row);
        v.getDataBuffer().setBytes(start, out, 0, n);
        offsets.setInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH, (int) end);
        BitVectorHelper.setBit(v.getValidityBuffer(), row);
        textEnd[idx] = end;
        textLastRow[idx] = row;
    }

    /** Cells at least this long are narrowed through the JDK's intrinsics, shorter ones by a loop. */
    private static final int INTRINSIC_CELL = 64;

    /** Narrows long cells (the JDK's ISO-array intrinsic: twice the speed of the loop on long text). */
    private final Latin1Copy latin1 = new Latin1Copy();

    /** The bytes of a cell whose chars each hold one byte (0..255), in {@code scratch}. */
    private byte[] narrow(char[] buf, int off, int len) {
        byte[] out = scratch;
        if (out.length < len) {
            out = scratch = new byte[Math.max(len, out.length * 2)];
        }
        if (len >= INTRINSIC_CELL) {
            latin1.narrow(buf, off, len, out);
            return out;
        }
        for (int i = 0; i < len; i++) {
            out[i] = (byte) buf[off + i];
        }
        return out;
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            return otherRecord();
        }
        if (skipRecord) {
            return skippedRecord();
        }
        int fields = getFieldCount();
        if (fields != columns) {
            return raggedRecord(fields);
        }
        row++;
        return ROW;
    }

    /** A comment line (counted) or a blank line (a null row in a one-column file, else skipped). */
    private Object otherRecord() {
        if (getRecordType() == RecordType.COMMENT) {
            commentLines++;
            return null;
        }
        if (getRecordType() == RecordType.EMPTY && blankLinesAreNulls && !headerPending) {
            row++; // every cell of the row is left null
            return ROW;
        }
        return null;
    }

    /** The header, or a record a cell marked bad. */
    private Object skippedRecord() {
        skipRecord = false;
        if (pendingMismatch != null) {
            ValueMismatchException mismatch = pendingMismatch;
            pendingMismatch = null;
            int fields = getFieldCount();
            if (fields == columns) {
                throw mismatch;
            }
            return raggedRecord(fields);
        }
        if (badReason != null) {
            String reason = badReason;
            ReadFailedException failure = badFailure;
            badReason = null;
            badFailure = null;
            rollBack();
            badRecords.badRecord(line, reason, failure);
            return null;
        }
        headerPending = false;
        return null;
    }

    private Object raggedRecord(int fields) {
        ReadFailedException failure = raggedRow(fileName, line, fields, columns);
        if (badRecords == null) {
            throw failure;
        }
        rollBack();
        badRecords.badRecord(
                line,
                "the row has " + fields + (fields == 1 ? " field" : " fields") + " but the file has " + columns
                        + " columns",
                failure);
        return null;
    }

    /** Undoes the cells written for the current row, so the next record takes its place. */
    private void rollBack() {
        for (int i = 0; i < columns; i++) {
            FieldVector v = vectors[i];
            if (kinds[i] == K_TEXT && textLastRow[i] == row) {
                ArrowBuf offsets = ((BaseVariableWidthVector) v).getOffsetBuffer();
                textEnd[i] = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
                textLastRow[i] = row - 1;
            }
            BitVectorHelper.unsetBit(v.getValidityBuffer(), row);
        }
    }

    /** Comment lines the parser skipped (after the header; those before it are the dialect's). */
    long commentLines() {
        return commentLines;
    }

    /** The refusal of a record with {@code fields} fields in a file of {@code columns} columns. */
    static ReadFailedException raggedRow(String fileName, long line, int fields, int columns) {
        return new ReadFailedException(
                fileName + ": line " + line + " has " + fields + (fields == 1 ? " field" : " fields")
                        + " but the file has " + columns + " columns; every row must have as many fields as"
                        + " the first",
                line,
                null);
    }

    /** UTF-8 encoding from a char range into a byte array, with a vectorisable ASCII fast path. */
    static final class Utf8 {
        private Utf8() {}

        /** Encodes {@code buf[off, off+len)} into {@code out} (at least {@code 3*len} long). */
        static int encode(char[] buf, int off, int len, byte[] out) {
            int bits = 0;
            for (int i = 0; i < len; i++) {
                bits |= buf[off + i];
            }
            if (bits < 0x80) {
                for (int i = 0; i < len; i++) {
                    out[i] = (byte) buf[off + i];
                }
                return len;
            }
            int j = 0;
            int end = off + len;
            for (int i = off; i < end; i++) {
                char c = buf[i];
                if (c < 0x80) {
                    out[j++] = (byte) c;
                } else if (c < 0x800) {
                    out[j++] = (byte) (0xC0 | (c >> 6));
                    out[j++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(buf[i + 1])) {
                    int cp = Character.toCodePoint(c, buf[++i]);
                    out[j++] = (byte) (0xF0 | (cp >> 18));
                    out[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[j++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    // Strict decoding upstream leaves no lone surrogates; keep the output valid anyway.
                    char ch = Character.isSurrogate(c) ? '\uFFFD' : c;
                    out[j++] = (byte) (0xE0 | (ch >> 12));
                    out[j++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                    out[j++] = (byte) (0x80 | (ch & 0x3F));
                }
            }
            return j;
        }
    }
}

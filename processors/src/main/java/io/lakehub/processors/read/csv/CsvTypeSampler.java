package io.lakehub.processors.read.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.TypeInference;
import java.util.ArrayList;
import java.util.List;

/**
 * FastCSV callback for the inference pass: keeps the first record's cells (the header, or the
 * first data row) as text, and feeds every later record's cells to a {@link
 * TypeInference.ColumnGuess} per column without creating strings. Checks that every record has as
 * many fields as the first.
 */
final class CsvTypeSampler extends AbstractBaseCsvCallbackHandler<Object> {
    private static final Object ROW = new Object();

    private final String fileName;
    private List<String> firstRecord;
    private TypeInference.ColumnGuess[] guesses;
    /**
     * Per column: whether every later value reads as typed once spaces and quotes around it are
     * left out (see {@link CsvBatchReader#looksTyped}); checked only once the column's guess is
     * text, so typed columns cost nothing.
     */
    private boolean[] looselyTyped;

    private int columns = -1;
    private long firstRecordLine;
    private long line;
    private long records;
    private long chars;
    /** Blank lines after the first record (null rows of a one-column file). */
    private long blankLines;

    /** Added to the parser's line numbers: the lines skipped before the parser's input. */
    private final long lineOffset;
    /** Whether a record with the wrong number of fields is left out (a bad row) rather than refused. */
    private final boolean skipRagged;
    /** Whether the first record's empty last field is dropped (a header's trailing delimiter). */
    private final boolean dropTrailingEmptyField;

    CsvTypeSampler(String fileName) {
        this(fileName, 0, false);
    }

    /**
     * @param lineOffset lines skipped before the parser's input
     * @param skipRagged leave out records with the wrong number of fields (the data pass reports
     *     them as bad rows) instead of refusing the file
     */
    CsvTypeSampler(String fileName, long lineOffset, boolean skipRagged) {
        this(fileName, lineOffset, skipRagged, false);
    }

    /**
     * @param dropTrailingEmptyField the first record ends with a delimiter the later records do not
     *     have: its empty last field is no column
     */
    CsvTypeSampler(String fileName, long lineOffset, boolean skipRagged, boolean dropTrailingEmptyField) {
        this.fileName = fileName;
        this.lineOffset = lineOffset;
        this.skipRagged = skipRagged;
        this.dropTrailingEmptyField = dropTrailingEmptyField;
    }

    /** The cells of the record being parsed, guessed once the record is known to be whole. */
    private char[] heldChars = new char[1024];

    private int held;
    private int[] cellStart;
    private int[] cellLength;

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber + lineOffset;
        held = 0;
        if (firstRecord == null) {
            firstRecord = new ArrayList<>();
        }
    }

    @Override
    protected void handleField(int idx, char[] buf, int off, int len, boolean quoted) {
        chars += len + 1;
        if (columns < 0) {
            firstRecord.add(new String(buf, off, len));
        } else if (idx < columns) {
            // Held until the record ends: the cells of a record with the wrong number of fields (a
            // bad row, e.g. an unquoted delimiter that shifted a name under a number column) must
            // not widen the columns' types.
            int end = held + len;
            if (end > heldChars.length) {
                heldChars = java.util.Arrays.copyOf(heldChars, Math.max(end, heldChars.length * 2));
            }
            System.arraycopy(buf, off, heldChars, held, len);
            cellStart[idx] = held;
            cellLength[idx] = len;
            held = end;
        }
    }

    /** Guesses the types from the held cells of a record with the right number of fields. */
    private void guessHeldCells() {
        for (int idx = 0; idx < columns; idx++) {
            int off = cellStart[idx];
            int len = cellLength[idx];
            guesses[idx].accept(heldChars, off, len);
            if (len > 0 && looselyTyped[idx] && guesses[idx].type() == LakeType.STRING) {
                looselyTyped[idx] = CsvBatchReader.looksTyped(java.nio.CharBuffer.wrap(heldChars, off, len));
            }
        }
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA) {
            if (columns < 0) {
                firstRecord = null; // a blank line before the first record
            } else if (getRecordType() == RecordType.EMPTY) {
                blankLines++;
            }
            return null;
        }
        if (columns < 0) {
            if (dropTrailingEmptyField
                    && firstRecord.size() > 1
                    && firstRecord.getLast().isEmpty()) {
                firstRecord.removeLast(); // the header's trailing delimiter (CsvDialect#headerTrailingDelimiter)
            }
            columns = firstRecord.size();
            firstRecordLine = line;
            guesses = new TypeInference.ColumnGuess[columns];
            cellStart = new int[columns];
            cellLength = new int[columns];
            looselyTyped = new boolean[columns];
            java.util.Arrays.fill(looselyTyped, true);
            for (int i = 0; i < columns; i++) {
                guesses[i] = new TypeInference.ColumnGuess();
            }
            return ROW;
        }
        int fields = getFieldCount();
        if (fields != columns) {
            if (skipRagged) {
                return null; // a bad row: the data pass reports it
            }
            throw CsvBatchFiller.raggedRow(fileName, line, fields, columns);
        }
        guessHeldCells();
        records++;
        return ROW;
    }

    /** The first record's cells, or {@code null} when the file holds no record. */
    List<String> firstRecord() {
        return columns < 0 ? null : firstRecord;
    }

    long firstRecordLine() {
        return firstRecordLine;
    }

    /** Blank lines after the first record: in a one-column file, rows of nulls. */
    long blankLines() {
        return blankLines;
    }

    /** Records after the first. */
    long laterRecords() {
        return records;
    }

    /** Characters seen in all records (an estimate of row width for batch sizing). */
    long chars() {
        return chars;
    }

    /** Line of the record being parsed (for errors raised by the parser itself). */
    long line() {
        return line;
    }

    /** The types of the records after the first; STRING for columns that were always empty. */
    LakeType[] laterTypes() {
        LakeType[] types = new LakeType[columns];
        for (int i = 0; i < columns; i++) {
            types[i] = guesses[i].type();
        }
        return types;
    }

    /**
     * Whether every later value of column {@code i} reads as typed once spaces and quotes around it
     * are left out, and there was one.
     */
    boolean laterLooselyTyped(int i) {
        return guesses[i].sawValue() && looselyTyped[i];
    }

    /** Whether column {@code i} had a non-empty value after the first record. */
    boolean sawValue(int i) {
        return guesses[i].sawValue();
    }
}

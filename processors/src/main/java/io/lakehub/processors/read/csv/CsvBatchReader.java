package io.lakehub.processors.read.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.AbstractBatchReader;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.TextTypes;
import io.lakehub.processors.read.TypeInference;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a CSV file into Arrow batches with FastCSV.
 *
 * <p><b>Dialect.</b> Detected once from the first 256 KiB, each option given winning (see {@link
 * CsvDialect}, {@link CsvSniffer}, ADR 0015 and docs/reading-files.md): charset (BOM, UTF-8, UTF-16
 * without BOM, else ICU's detector; decoded strictly, a byte that is not valid is refused with its
 * line), delimiter ({@code , ; tab |}), quote ({@code "}, {@code '} or none), escape (doubled
 * quote or backslash), {@code #} comment lines (skipped and counted) and title or junk lines before
 * the header (skipped and counted); in a file with comments, {@code #} also ends a line's data
 * mid-line, and blanks around quoted fields are left out (both as DuckDB does). Quotes may enclose delimiters, escaped quotes and line breaks;
 * CRLF and LF line ends both work. Blank lines are skipped, except in a one-column file, where each
 * is a null row (as in DuckDB). The dialect is recorded as facts ({@link #facts()}).
 *
 * <p><b>Header.</b> Unless {@link ReadOptions#header()} says, decided as DuckDB's sniffer decides
 * (see {@link #looksLikeHeader}). Header names are trimmed; an empty
 * name, and every column of a file without header, is named as DuckDB names it: {@code column0},
 * {@code column1}, ... zero-padded to the widest index; a repeated name, compared ignoring case
 * because SQL compares names that way, gets {@code _2}, {@code _3}, ...
 *
 * <p><b>Types.</b> Inferred by {@link TypeInference} from the first {@value #SAMPLE_ROWS} data
 * rows; {@link ReadOptions#typeOverrides()} replace the inference for the columns they name (a name
 * the file does not have is refused). An unquoted empty cell is null. A later value that does not
 * fit its column raises {@link ValueMismatchException} so the ingest can widen the column and read
 * again.
 *
 * <p><b>Empty results.</b> A header-only file has its columns (STRING unless overridden) and no
 * rows; a file with nothing but whitespace, blank or comment lines has no columns and no rows.
 *
 * <p><b>Bad rows.</b> A record with more or fewer fields than the header, and a value that does not
 * fit an explicit type override, go to the {@link #onBadRows bad-row handler} with their raw lines
 * when one is set (see {@link CsvRawLines}); without one they are refused as below.
 *
 * <p><b>Refusals</b> ({@link ReadFailedException}, naming file and 1-based physical line, never a
 * value): a row with more or fewer fields than the header (without a bad-row handler); a quote
 * that is never closed; undecodable bytes; a charset that cannot be detected with confidence; a
 * single field longer than {@value #MAX_FIELD_CHARS} characters (FastCSV's buffer limit, raised
 * from its default to hold large text fields while bounding memory: the buffer is a {@code
 * char[]}, 2 bytes a character).
 *
 * <p><b>Memory.</b> Streaming: a batch holds at most {@link #batchRows()} rows (sized from the
 * sampled row width to about {@value #TARGET_BATCH_BYTES} bytes) and is cut short once its text
 * passes {@value #MAX_BATCH_TEXT_CHARS} characters, so neither a long file nor huge fields grow it.
 * The file is read twice: once up to the sample size for inference, then fully for the data, which
 * is hashed on the way ({@link #contentHash()}).
 *
 * <p><b>Speed.</b> Cells are parsed from FastCSV's buffer straight into Arrow vectors, without a
 * string per cell. For UTF-8 input with an ASCII delimiter and quote, the data pass validates the
 * bytes as UTF-8 and hands them to FastCSV as one Latin-1 char per byte: delimiters, quotes and
 * line breaks sit where they would in the decoded text, and a cell's UTF-8 bytes are its chars
 * narrowed, so no cell is decoded and re-encoded (see {@link CsvSource}). The field limit then
 * counts bytes.
 */
public final class CsvBatchReader extends AbstractBatchReader {
    /** Data rows the types are inferred from. */
    public static final int SAMPLE_ROWS = 20_000;
    /** Longest single field, in characters. */
    public static final int MAX_FIELD_CHARS = 32 * 1024 * 1024;

    static final int TARGET_BATCH_BYTES = 8 * 1024 * 1024;
    static final long MAX_BATCH_TEXT_CHARS = 8L * 1024 * 1024;
    private static final int MIN_BATCH_ROWS = 64;
    private static final int MAX_BATCH_ROWS = 65_536;

    private CsvDialect dialect;
    private boolean header;
    /** Nothing but whitespace, blank or comment lines: no columns, no rows. */
    private boolean emptyFile;
    /** The raw text of bad records, opened at the first one. */
    private CsvRawLines rawLines;

    private LakeSchema inferred;
    private LakeSchema active;

    private CsvSource source;
    private CsvReader<Object> csv;
    private Iterator<Object> records;
    private CsvBatchFiller filler;

    public CsvBatchReader(Path file, ReadOptions options) {
        super(file, options);
    }

    @Override
    protected void doOpen() {
        dialect = CsvDialect.detect(file, options, label);
        fact("charset", dialect.charset().name());
        if (dialect.empty()) {
            openEmpty();
            return;
        }
        fact("delimiter", dialect.delimiterName());
        if (dialect.delimiter() == CsvDialect.NO_DELIMITER) {
            fact("singleColumn", "true");
        }
        fact("quote", dialect.quoteName());
        fact("escape", dialect.escapeName());
        if (dialect.skippedOther() > 0) {
            fact("linesSkipped", Long.toString(dialect.skippedOther()));
        }
        CsvTypeSampler sampler =
                new CsvTypeSampler(label, dialect.skipLines(), skipsBadRows(), dialect.headerTrailingDelimiter());
        try (CsvSource sampleSource = new CsvSource(file, dialect.charset(), dialect.bomLength(), false);
                CsvReader<Object> sampleCsv = newCsvReader(sampler, input(sampleSource), true)) {
            Iterator<Object> it = sampleCsv.iterator();
            while (sampler.laterRecords() < SAMPLE_ROWS && it.hasNext()) {
                it.next();
            }
        } catch (IOException e) {
            throw new ReadFailedException(
                    label + ": could not be read: " + e.getClass().getSimpleName(), 0, null, e);
        } catch (RuntimeException e) {
            throw translate(e, sampler.line());
        }
        List<String> first = sampler.firstRecord();
        if (first == null) {
            openEmpty(); // only blank or comment lines
            return;
        }
        LakeType[] types = sampler.laterTypes();
        header = options.header() != null ? options.header() : looksLikeHeader(first, types, sampler);
        List<String> names = header ? headerNames(first) : numberedNames(first.size());
        if (header && dialect.headerTrailingDelimiter()) {
            fact("headerTrailingDelimiter", "dropped");
        }
        if (header) {
            long cleaned =
                    first.stream().filter(CsvBatchReader::hasControlCharacters).count();
            if (cleaned > 0) {
                fact("columnNamesCleaned", Long.toString(cleaned));
            }
        }
        if (!header) {
            for (int i = 0; i < types.length; i++) {
                String v = first.get(i);
                if (!v.isEmpty()) {
                    types[i] = sampler.sawValue(i)
                            ? TypeInference.union(types[i], TypeInference.narrowest(v))
                            : TypeInference.narrowest(v);
                }
            }
        }
        applyOverrides(names, types);
        List<LakeField> fields = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            fields.add(column(names.get(i), types[i]));
        }
        inferred = new LakeSchema(fields);
        active = inferred;
        if (options.batchRows() <= 0) {
            useBatchRows(batchRowsFor(sampler));
        }
    }

    /** A file with nothing to read: no columns, no rows; the data pass only hashes it. */
    private void openEmpty() {
        emptyFile = true;
        header = false;
        inferred = new LakeSchema(List.of());
        active = inferred;
    }

    /**
     * The parser's input: the decoded file after the lines before its first record, with backslash
     * escapes rewritten for a backslash-escaped file. Clean files get the source itself.
     */
    private Reader input(CsvSource source) {
        Reader in = source;
        if (dialect.skipLines() > 0) {
            in = new CsvLineSkipper(in, dialect.skipLines());
        }
        if (dialect.midLineComments()) {
            in = new CsvCommentStripper(in, dialect.comment(), dialect.delimiter(), dialect.quote(), dialect.escape());
        }
        if (dialect.paddedQuotes()) {
            in = new CsvQuotePadding(in, dialect.delimiter(), dialect.quote(), dialect.escape());
        }
        if (dialect.backslashEscapes()) {
            in = new CsvBackslashEscapes(in, dialect.delimiter(), dialect.quote());
        }
        return in;
    }

    /** The column, with the full type (decimal parameters) its type override gives, if any. */
    private LakeField column(String name, LakeType type) {
        try {
            LakeField override = options.typeOverride(name, name);
            return override != null ? override : LakeField.nullable(name, type);
        } catch (IllegalArgumentException e) {
            throw new ReadFailedException(label + ": " + e.getMessage(), 0, name, e);
        }
    }

    private void applyOverrides(List<String> names, LakeType[] types) {
        for (Map.Entry<String, LakeType> e : options.typeOverrides().entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw new ReadFailedException(
                        label + ": a type override names column '" + e.getKey() + "', which the file does not have"
                                + " (columns: " + String.join(", ", names) + ")",
                        0,
                        e.getKey());
            }
            if (!TextTypes.readable(e.getValue())) {
                throw new ReadFailedException(
                        label + ": the type override for column '" + e.getKey() + "' is "
                                + e.getValue().displayName() + ", which CSV values cannot be read as"
                                + " (text sources read " + TextTypes.NAMES + ")",
                        0,
                        e.getKey());
            }
            types[i] = e.getValue();
        }
    }

    private int batchRowsFor(CsvTypeSampler sampler) {
        long records = sampler.laterRecords() + 1;
        long bytesPerRow = Math.max(1, sampler.chars() / records) + 8L * inferred.size();
        long rows = TARGET_BATCH_BYTES / bytesPerRow;
        return (int) Math.max(MIN_BATCH_ROWS, Math.min(MAX_BATCH_ROWS, rows));
    }

    /**
     * Whether the first record is a header, as DuckDB's sniffer decides.
     *
     * <ul>
     *   <li>A record of empty cells only is a header (its columns get numbered names).
     *   <li>A file of one record (blank lines after it do not count, except in a one-column file,
     *       where they are rows of nulls): a header when every cell is a non-empty name (no number, boolean,
     *       date, timestamp or date-like value): {@code id,name} is a header-only file, {@code AAA|}
     *       and {@code 05/06/2019} are one row.
     *   <li>Else a header when a cell of it does not fit its column: a name over a column of
     *       numbers or dates, or a value over a column the later rows leave empty (such a column,
     *       empty in the first record too, is not text for the next rule).
     *   <li>Else (the first record fits every column) a header when every column is text — DuckDB
     *       takes {@code 123} over {@code one, 123} for a name — unless a column's later values all
     *       read as numbers or dates once spaces and quotes around them are left out, or are dates
     *       in a notation the type inference does not read ({@code 1/1/2020}), and its first cell
     *       does too: DuckDB types such a column, so the first row is data.
     * </ul>
     */
    static boolean looksLikeHeader(List<String> first, LakeType[] later, CsvTypeSampler sampler) {
        if (first.stream().allMatch(String::isEmpty)) {
            return true;
        }
        if (sampler.laterRecords() == 0 && !(first.size() == 1 && sampler.blankLines() > 0)) {
            for (String cell : first) {
                if (cell.isEmpty() || looksTyped(cell)) {
                    return false;
                }
            }
            return true;
        }
        boolean allText = true;
        for (int i = 0; i < later.length; i++) {
            String cell = first.get(i);
            if (!sampler.sawValue(i)) {
                if (!cell.isEmpty()) {
                    return true;
                }
                allText = false; // an empty column has no type yet in DuckDB's sniffer: not text
                continue;
            }
            if (later[i] != LakeType.STRING) {
                allText = false;
                if (!cell.isEmpty() && TypeInference.union(later[i], TypeInference.narrowest(cell)) != later[i]) {
                    return true;
                }
            }
        }
        if (!allText) {
            return false;
        }
        for (int i = 0; i < later.length; i++) {
            if (sampler.laterLooselyTyped(i) && looksTyped(first.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a value reads as a number, boolean, date or timestamp once spaces and single or
     * double quotes around it are left out, or looks like a date or time of day in a notation the
     * type inference does not read ({@code 05/06/2019}, {@code 1.2.20}, {@code 12:00}). Used only to
     * decide whether the first record is a header (never for a value's type).
     */
    static boolean looksTyped(CharSequence value) {
        int from = 0;
        int to = value.length();
        while (from < to && isPadding(value.charAt(from))) {
            from++;
        }
        while (to > from && isPadding(value.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return false;
        }
        String v = value.subSequence(from, to).toString();
        return TypeInference.narrowest(v) != LakeType.STRING
                || TEMPORAL.matcher(v).matches();
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\t' || c == '\'' || c == '"';
    }

    private static final Pattern TEMPORAL =
            Pattern.compile("\\d{1,4}([/.-])\\d{1,2}\\1\\d{1,4}([ T].*)?|\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");

    static List<String> headerNames(List<String> raw) {
        List<String> names = new ArrayList<>(raw.size());
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = withoutControlCharacters(raw.get(i)).strip();
            if (name.isEmpty()) {
                name = numberedName(i, raw.size());
            }
            String unique = name;
            for (int n = 2; taken.contains(unique.toLowerCase(Locale.ROOT)); n++) {
                unique = name + "_" + n;
            }
            taken.add(unique.toLowerCase(Locale.ROOT));
            names.add(unique);
        }
        return names;
    }

    /**
     * A header cell as a column name the lake accepts: NUL characters (a C string's terminator,
     * padding) are dropped, every other control character (U+0001 to U+001F, U+007F: tabs, line
     * breaks, escape sequences) becomes a space, and runs of spaces so made are one space. The lake
     * refuses names holding control characters; DuckDB keeps them, which makes the column hard to
     * name in SQL. Counted in the fact {@code read.columnNamesCleaned}.
     */
    static String withoutControlCharacters(String cell) {
        if (!hasControlCharacters(cell)) {
            return cell;
        }
        StringBuilder b = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == 0) {
                continue;
            }
            if (isControl(c)) {
                c = ' ';
            }
            if (c == ' ' && !b.isEmpty() && b.charAt(b.length() - 1) == ' ' && isControl(cell.charAt(i))) {
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    static boolean hasControlCharacters(String cell) {
        for (int i = 0; i < cell.length(); i++) {
            if (isControl(cell.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F;
    }

    /** DuckDB's names for columns without a header: {@code column0 ..}, zero-padded to the widest index. */
    static List<String> numberedNames(int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(numberedName(i, n));
        }
        return names;
    }

    private static String numberedName(int i, int n) {
        int width = Integer.toString(Math.max(0, n - 1)).length();
        String digits = Integer.toString(i);
        return "column" + "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /**
     * @param sample for the sampling pass, which counts blank lines (and reads no row from them); the data pass reads a blank
     *     line of a one-column file as a null row
     */
    private CsvReader<Object> newCsvReader(CsvCallbackHandler<Object> handler, Reader in, boolean sample) {
        return CsvReader.builder()
                .fieldSeparator(dialect.delimiter())
                .quoteCharacter(dialect.quote())
                .commentStrategy(dialect.comment() != 0 ? CommentStrategy.READ : CommentStrategy.NONE)
                .commentCharacter(dialect.comment() != 0 ? dialect.comment() : '#')
                // The sampling pass sees blank lines too (counted: null rows of a one-column file).
                .skipEmptyLines(!sample && (inferred == null || inferred.size() != 1))
                // Field counts are checked by our handlers, which know the line and the header.
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(false)
                .allowUnclosedQuote(false)
                .maxBufferSize(MAX_FIELD_CHARS)
                .build(handler, in);
    }

    @Override
    public LakeSchema schema() {
        requireOpen();
        return active;
    }

    /** Whether the first record was taken as the header. */
    public boolean hasHeader() {
        requireOpen();
        return header;
    }

    @Override
    protected void doReadAs(LakeSchema target) {
        if (!target.names().equals(inferred.names())) {
            throw new IllegalArgumentException(
                    "readAs needs the file's columns in the file's order: " + inferred.names());
        }
        active = target;
    }

    @Override
    protected int doNext(VectorSchemaRoot batch) {
        if (emptyFile) {
            return hashEmptyFile(batch);
        }
        if (filler == null) {
            startDataPass();
        }
        int batchRows = batchRows();
        filler.bind(batch, batchRows);
        try {
            while (filler.rows() < batchRows && filler.textChars() < MAX_BATCH_TEXT_CHARS && records.hasNext()) {
                records.next();
            }
        } catch (RuntimeException e) {
            batch.setRowCount(0);
            throw translate(e, filler.line());
        }
        int rows = filler.rows();
        filler.finishBatch();
        batch.setRowCount(rows);
        if (rows == 0) {
            long comments = dialect.skippedComments() + filler.commentLines();
            if (comments > 0) {
                fact("commentLines", Long.toString(comments));
            }
            try {
                contentHashIs(source.finishHash());
            } catch (IOException e) {
                throw new ReadFailedException(
                        label + ": could not be read to the end: "
                                + e.getClass().getSimpleName(),
                        0,
                        null,
                        e);
            }
        }
        return rows;
    }

    private void startDataPass() {
        // UTF-8 with ASCII delimiter and quote (nearly every file): parse the bytes as Latin-1 chars
        // and skip decoding and re-encoding every cell; see CsvSource.
        boolean bytesAsLatin1 = dialect.charset().equals(StandardCharsets.UTF_8)
                && dialect.delimiter() < 0x80
                && (dialect.quote() < 0x80 || !dialect.quotes());
        try {
            source = new CsvSource(file, dialect.charset(), dialect.bomLength(), true, bytesAsLatin1);
        } catch (IOException e) {
            throw new ReadFailedException(
                    label + ": could not be read: " + e.getClass().getSimpleName(), 0, null, e);
        }
        filler = new CsvBatchFiller(
                label,
                active,
                header,
                bytesAsLatin1,
                dialect.skipLines(),
                skipsBadRows() ? this::badRecord : null,
                options.typeOverrides().keySet());
        csv = newCsvReader(filler, input(source), false);
        records = csv.iterator();
    }

    /** Hands a bad record, with its raw lines, to the bad-row handler. */
    private void badRecord(long line, String reason, ReadFailedException failure) {
        String raw;
        try {
            if (rawLines == null) {
                rawLines = new CsvRawLines(file, dialect);
            }
            raw = rawLines.record(line);
        } catch (IOException e) {
            failure.addSuppressed(e);
            throw new ReadFailedException(
                    label + ": line " + line + " is a bad row whose text could not be read again ("
                            + e.getClass().getSimpleName() + ")",
                    line,
                    null,
                    e);
        }
        badRow(line, reason, raw, failure);
    }

    /** The one call of an empty file: no rows; its bytes are hashed. */
    private int hashEmptyFile(VectorSchemaRoot batch) {
        batch.setRowCount(0);
        try (CsvSource all = new CsvSource(file, dialect.charset(), dialect.bomLength(), true)) {
            contentHashIs(all.finishHash());
        } catch (IOException e) {
            throw new ReadFailedException(
                    label + ": could not be read: " + e.getClass().getSimpleName(), 0, null, e);
        }
        return 0;
    }

    /** Unwraps FastCSV's wrappers into our refusal, naming the line; never quotes the data. */
    private RuntimeException translate(RuntimeException e, long line) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ReadFailedException r) {
                return r;
            }
            if (c instanceof CsvSource.UndecodableBytesException u) {
                long at = 0;
                IOException lineFailure = null;
                try {
                    at = lineAt(u.offset());
                } catch (IOException io) {
                    lineFailure = io;
                }
                ReadFailedException r = new ReadFailedException(
                        label + (at > 0 ? ": line " + at : "") + " has bytes that are not valid "
                                + dialect.charset().name() + " (at byte offset " + u.offset()
                                + "); save the file as UTF-8, or give its charset",
                        at,
                        null,
                        e);
                if (lineFailure != null) {
                    r.addSuppressed(lineFailure);
                }
                return r;
            }
        }
        if (e instanceof UncheckedIOException) {
            return new ReadFailedException(
                    label + ": could not be read near line " + line + ": "
                            + e.getCause().getClass().getSimpleName(),
                    line,
                    null,
                    e);
        }
        if (e instanceof CsvParseException) {
            String detail =
                    e.getCause() != null ? String.valueOf(e.getCause().getMessage()) : String.valueOf(e.getMessage());
            String what;
            if (detail.contains("Maximum buffer size")) {
                what = "has a field longer than " + MAX_FIELD_CHARS + " characters (the limit), or a quote that is"
                        + " never closed";
            } else if (detail.contains("Unclosed quoted field")) {
                what = "starts a quoted field that is never closed";
            } else if (detail.contains("after closing quote")) {
                what = "has characters between a closing quote and the next delimiter";
            } else {
                what = "is not valid CSV";
            }
            return new ReadFailedException(label + ": line " + line + " " + what, line, null, e);
        }
        // Anything else the parser or a cell conversion throws is still about this file: a refusal
        // naming it and the line, never an internal error. The type, not the message: it may quote data.
        return new ReadFailedException(
                label + ": line " + line + " could not be read (" + e.getClass().getSimpleName() + ")", line, null, e);
    }

    /** The physical line holding byte {@code offset}: line breaks (CR, LF or CRLF) before it, plus one. */
    private long lineAt(long offset) throws IOException {
        CharsetDecoder decoder = dialect.charset()
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        long breaks = 0;
        boolean lastCr = false;
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(dialect.bomLength());
            long remaining = offset - dialect.bomLength();
            byte[] chunk = new byte[1 << 16];
            ByteBuffer bytes = ByteBuffer.allocate(chunk.length + 8);
            CharBuffer chars = CharBuffer.allocate(chunk.length + 8);
            bytes.flip();
            while (remaining > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, remaining));
                if (n < 0) {
                    break;
                }
                remaining -= n;
                bytes.compact();
                bytes.put(chunk, 0, n);
                bytes.flip();
                chars.clear();
                decoder.decode(bytes, chars, false);
                chars.flip();
                while (chars.hasRemaining()) {
                    char c = chars.get();
                    if (c == '\r') {
                        breaks++;
                        lastCr = true;
                    } else {
                        if (c == '\n' && !lastCr) {
                            breaks++;
                        }
                        lastCr = false;
                    }
                }
            }
        }
        return breaks + 1;
    }

    @Override
    protected void doClose() throws IOException {
        try (CsvRawLines raw = rawLines) {
            rawLines = null;
            if (csv != null) {
                csv.close();
            } else if (source != null) {
                source.close();
            }
        } finally {
            csv = null;
            source = null;
        }
    }
}

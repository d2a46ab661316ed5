package io.lakehub.processors.read.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.AbstractBatchReader;
import io.lakehub.processors.read.ArrowBatchBuilder;
import io.lakehub.processors.read.ContentHashes;
import io.lakehub.processors.read.NewColumnException;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.SourceSchemas;
import io.lakehub.processors.read.TextTypes;
import io.lakehub.processors.read.ValueMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link JsonBatchReader} (one array of objects) and {@link NdjsonBatchReader}
 * (one object per line), which differ only in the {@link Layout} that frames the records; streamed with Jackson's {@link JsonParser}: memory holds one batch, never
 * the file.
 *
 * <p>{@link #open()} parses a sample — the first {@value #SAMPLE_RECORDS} records or the first
 * {@value #SAMPLE_MIB} MiB, whichever ends first — to find the columns (every key, in order of first
 * appearance) and their types ({@link JsonTypes}); a key whose sampled values are all null is a
 * STRING column. Type overrides replace the inferred type; an overridden key the sample never saw
 * becomes an extra column after the sampled ones (in name order). Reading then starts again from
 * the first byte. Past the sample:
 *
 * <ul>
 *   <li>a missing key is null;
 *   <li>a value that does not fit its column raises {@link ValueMismatchException} with the type
 *       that would hold it; a quoted value fits a BOOLEAN/INT/BIGINT/DOUBLE column only when the
 *       user declared that type (a quoted {@code "01234"} is text, not the number 1234);
 *   <li>a key with no column raises {@link NewColumnException} — unless its value is null, which
 *       loses nothing and is skipped.
 * </ul>
 *
 * <p>Records are objects if any sampled record is one; a record that is not an object is then a
 * bad row ({@link #badRow}). Otherwise (arrays of scalars or arrays, NDJSON lines of numbers) every
 * record is one value of a single column {@value #VALUE_COLUMN}. A source without records (empty,
 * blank, {@code []}) is zero rows and no columns. Keys that differ only in case from an earlier
 * key get a numbered column ({@link ColumnNames}; fact {@code read.renamedKeys}).
 *
 * <p>Nested objects and arrays are stored as compact JSON text, keys in source order, numbers as
 * written. A key repeated within one object (at any depth) keeps its last value, as most JSON
 * parsers do; repetitions are counted (fact {@code read.duplicateKeys}) and logged by key, never
 * by value. Errors name the file, the line and the position in the line (bytes, as Jackson counts
 * them for UTF-8 input), never a value. See ADR 0016.
 *
 * <p>Encoding: with no charset option Jackson detects UTF-8/16/32 from the BOM or the first bytes,
 * and refuses bytes that are not valid UTF-8; a named charset is decoded strictly. Limits: a single
 * string value of at most {@value #MAX_STRING_CHARS} chars, nesting at most 1,000 levels deep.
 */
abstract sealed class JsonRecordReader extends AbstractBatchReader permits JsonBatchReader, NdjsonBatchReader {
    /** Records sampled to infer columns and types. */
    static final int SAMPLE_RECORDS = 20_000;
    /** Input sampled at most, in MiB, so a few huge records cannot make open() read gigabytes. */
    static final int SAMPLE_MIB = 64;

    static final int MAX_STRING_CHARS = 64 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            // The stream is ours to close, and must not close early: every byte goes into the hash.
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            // A comma before a closing brace or bracket, as hand-edited and generated JSON often has it
            // ({"a": 1,}): read as if it were not there, as DuckDB (yyjson) and JSON5 readers do.
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();

    private static final Set<String> IN_ARRAY = Collections.emptySet();

    /** How records are laid out in the file. */
    enum Layout {
        /** {@code [ {...}, {...} ]} */
        ARRAY,
        /** {@code {...}} per line; blank lines are skipped (an object may span lines). */
        LINES
    }

    private static final Logger LOG = LoggerFactory.getLogger(JsonRecordReader.class);

    /** The column of a file whose records are scalars or arrays rather than objects. */
    static final String VALUE_COLUMN = "value";

    /** Distinct repeated keys logged per file at most (the count in the fact is always complete). */
    private static final int MAX_LOGGED_DUPLICATE_KEYS = 20;

    private final Layout layout;

    private LakeSchema schema;
    /** The source key of each column, by index: equal to its name unless renamed for case. */
    private List<String> keys;
    /** Whether records are objects (columns from keys) or values (one {@link #VALUE_COLUMN}). */
    private boolean objects;

    private Map<String, Integer> columnIndex;
    private boolean[] declared;
    private long sampledRecords;
    private ArrowBatchBuilder builder;

    private InputStream in;
    private MessageDigest digest;
    private JsonParser parser;
    private long record;
    private long[] seenInRecord;
    private boolean exhausted;
    /** Inside a top-level array whose elements are records (layout ARRAY). */
    private boolean inArray;
    /** Top-level values read so far (arrays count as one). */
    private long topValues;

    private long duplicateKeys;
    /** The physical line where the current record starts (0 before its first token). */
    private long recordLine;
    /** Added to the parser's line numbers once it was restarted after a malformed line. */
    private long lineBase;
    /** Whether a malformed NDJSON line can be skipped (lines are found by their '\n' bytes). */
    private boolean resyncable;

    private LineResync resync;
    /** The stream of a parser restarted after a malformed line (the hashing stream stays {@link #in}). */
    private InputStream resumedIn;

    private final Set<String> loggedDuplicateKeys = new HashSet<>();

    JsonRecordReader(Path file, ReadOptions options, Layout layout) {
        super(file, options);
        this.layout = layout;
    }

    @Override
    protected void doOpen() {
        List<String> names = new ArrayList<>();
        List<LakeType> types = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        long records = 0;
        boolean anyObject = false;
        LakeType valueType = null;
        resyncable = layout == Layout.LINES && LineResync.supports(options.charset(), head());
        try (InputStream sampleIn = Files.newInputStream(file)) {
            parser = createParser(sampleIn);
            long maxBytes = (long) SAMPLE_MIB << 20;
            // After a skipped malformed line the offset starts again from that line: a sample
            // that skipped lines may read further than SAMPLE_MIB, never more than SAMPLE_RECORDS.
            while (records < SAMPLE_RECORDS && offset(parser.currentLocation()) < maxBytes) {
                JsonParser p = parser;
                try {
                    recordLine = 0;
                    JsonToken start = nextRecord(p);
                    if (start == null) {
                        break;
                    }
                    records++;
                    if (resyncable && skipsBadRows()) {
                        // Only where a malformed line may be skipped: a location object per record.
                        recordLine = line(p.currentTokenLocation());
                    }
                    if (sampleRecord(p, start, names, types, index)) {
                        anyObject = true;
                    } else {
                        valueType = JsonTypes.union(valueType, kindOf(p, start));
                        p.skipChildren();
                    }
                } catch (JsonParseException e) {
                    if (!skipsMalformedLine(e)) {
                        throw e;
                    }
                    // Reported when the records are read, not while sampling.
                    skipMalformedLine(e, false);
                }
            }
        } catch (JsonProcessingException e) {
            throw failure(e);
        } catch (CharacterCodingException e) {
            throw undecodable(e);
        } catch (ReadFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        } catch (NoSuchFileException e) {
            throw new ReadFailedException(label + ": file not found. Nothing was read.", 0, null, e);
        } catch (IOException e) {
            throw new ReadFailedException(label + ": could not be read (" + e + ")", 0, null, e);
        } finally {
            try (LineResync closedSecond = resync) {
                closeResumed();
            } catch (IOException e) {
                throw new ReadFailedException(label + ": could not be read (" + e + ")", 0, null, e);
            } finally {
                resync = null;
            }
            parser = null;
            inArray = false;
            topValues = 0;
            lineBase = 0;
            recordLine = 0;
        }
        schemaFromSample(records, anyObject, valueType, names, types, index);
    }

    /**
     * Adds the keys of the object starting at {@code start} to the sampled columns; false (nothing
     * consumed) if the record is not an object.
     */
    private boolean sampleRecord(
            JsonParser p, JsonToken start, List<String> names, List<LakeType> types, Map<String, Integer> index)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            return false;
        }
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Integer col = index.get(key);
            if (col == null) {
                checkKey(p, key);
                col = names.size();
                index.put(key, col);
                names.add(key);
                types.add(null);
            }
            // A repeated key: the last value wins (counted while reading, not here).
            types.set(col, JsonTypes.union(types.get(col), kindOf(p, p.nextToken())));
            p.skipChildren();
        }
        expectEndObject(t);
        return true;
    }

    /** The schema from what the sample found (also the columns of a source without records: none). */
    private void schemaFromSample(
            long records,
            boolean anyObject,
            LakeType valueType,
            List<String> names,
            List<LakeType> types,
            Map<String, Integer> index) {
        sampledRecords = records;
        objects = anyObject || records == 0;
        if (!objects) {
            // Scalars or arrays ([1, 2, 3], [[1, 2], [3]], NDJSON lines of numbers): one column.
            names = List.of(VALUE_COLUMN);
            types = new ArrayList<>(Collections.singletonList(valueType));
            index = Map.of(VALUE_COLUMN, 0);
        }
        List<LakeField> fields = new ArrayList<>(names.size());
        Map<String, LakeType> overrides = options.typeOverrides();
        for (Map.Entry<String, LakeType> o : overrides.entrySet()) {
            if (!TextTypes.readable(o.getValue())) {
                throw new ReadFailedException(
                        label + ": the type override for key '" + o.getKey() + "' is "
                                + o.getValue().displayName() + ", which JSON values cannot be read as"
                                + " (text sources read " + TextTypes.NAMES + ")",
                        0,
                        o.getKey());
            }
        }
        List<String> columnNames = ColumnNames.distinctIgnoringCase(names);
        List<String> columnKeys = new ArrayList<>(names);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            LakeType type = types.get(i) == null ? LakeType.STRING : types.get(i);
            fields.add(column(columnNames.get(i), type));
            if (!columnNames.get(i).equals(names.get(i))) {
                renamed.put(names.get(i), columnNames.get(i));
            }
        }
        Set<String> taken = new HashSet<>();
        columnNames.forEach(n -> taken.add(ColumnNames.identity(n)));
        for (String key : new TreeMap<>(overrides).keySet()) {
            if (index.containsKey(key) || columnNames.contains(key)) {
                continue;
            }
            // A key the sample never saw (typically learnt from a NewColumnException): a column of
            // its own, numbered like any key whose name is taken ignoring case.
            String name = key;
            for (int n = 1; !taken.add(ColumnNames.identity(name)); n++) {
                name = key + "_" + n;
            }
            if (!name.equals(key)) {
                renamed.put(key, name);
            }
            try {
                fields.add(options.typeOverride(key, name));
            } catch (IllegalArgumentException e) {
                throw new ReadFailedException(label + ": " + e.getMessage(), 0, key, e);
            }
            columnKeys.add(key);
        }
        if (!renamed.isEmpty()) {
            // Key names, never values: safe to log and to record.
            LOG.info(
                    "{}: keys that differ only in case from an earlier key are read into renamed columns: {}",
                    label,
                    renamed);
            fact("renamedKeys", ColumnNames.describe(renamed));
        }
        if (records > 0 && fields.isEmpty()) {
            throw new ReadFailedException(
                    label + ": the " + (records == 1 ? "record has" : records + " records have")
                            + " no keys, so there are no columns to read",
                    0,
                    null);
        }
        keys = List.copyOf(columnKeys);
        useSchema(SourceSchemas.of(label, fields));
    }

    @Override
    public LakeSchema schema() {
        requireOpen();
        return schema;
    }

    @Override
    protected void doReadAs(LakeSchema target) {
        if (!target.names().equals(schema.names())) {
            throw new IllegalArgumentException(
                    "readAs() needs the columns " + schema.names() + " in this order, got " + target.names());
        }
        useSchema(target);
    }

    @Override
    protected int doNext(VectorSchemaRoot batch) {
        builder.begin(batch);
        int batchRows = batchRows();
        int rows = 0;
        try {
            if (!exhausted && parser == null) {
                startReading();
            }
            while (!exhausted && rows < batchRows && !builder.full()) {
                try {
                    recordLine = 0;
                    JsonToken start = nextRecord(parser);
                    if (start == null) {
                        finishReading();
                        break;
                    }
                    record++;
                    if (resyncable && skipsBadRows()) {
                        // Only where a malformed line may be skipped: a location object per record.
                        recordLine = line(parser.currentTokenLocation());
                    }
                    if (readRecord(start, rows)) {
                        rows++;
                    }
                } catch (JsonParseException e) {
                    if (!skipsMalformedLine(e)) {
                        throw e;
                    }
                    // The broken record may have filled some cells of this row before the error.
                    for (int col = 0; col < schema.size(); col++) {
                        builder.putNull(col, rows);
                    }
                    skipMalformedLine(e, true);
                }
            }
        } catch (JsonProcessingException e) {
            throw failure(e);
        } catch (CharacterCodingException e) {
            throw undecodable(e);
        } catch (ReadFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unexpected(e);
        } catch (IOException e) {
            throw new ReadFailedException(label + ": could not be read (" + e + ")", 0, null, e);
        }
        builder.end(rows);
        return rows;
    }

    @Override
    protected void doClose() throws IOException {
        // try-with-resources closes in reverse order, each even when an earlier close failed.
        try (InputStream closedLast = in;
                LineResync closedThird = resync;
                InputStream closedSecond = resumedIn;
                JsonParser closedFirst = parser) {
            // nothing to do but close
        } finally {
            parser = null;
            resumedIn = null;
            resync = null;
            in = null;
        }
    }

    // ---- malformed NDJSON lines

    /**
     * Whether {@code e} is a line of NDJSON that is not valid JSON and is to be handed to the bad
     * row handler: the layout is LINES, a handler is set, lines can be found again (UTF-8 or a
     * single-byte charset), and the problem is the JSON's syntax (not undecodable bytes, which are
     * refused: their charset is wrong, not the row).
     */
    private boolean skipsMalformedLine(JsonParseException e) {
        return layout == Layout.LINES && resyncable && skipsBadRows() && !JsonFailures.isUndecodable(e);
    }

    /**
     * Skips the physical line where the broken record starts (reporting it as a bad row if {@code
     * report}) and restarts the parser at the next line: every line after it is read again, so a
     * record that only looked broken because the line before it was is still read.
     */
    private void skipMalformedLine(JsonParseException e, boolean report) throws IOException {
        long bad = recordLine > 0 ? recordLine : line(e.getLocation() != null ? e.getLocation() : currentLocation());
        ReadFailedException failure = failure(e);
        if (resync == null) {
            resync = new LineResync(file, options.charset());
        }
        String raw = resync.lineText(bad);
        if (report) {
            badRow(bad, JsonFailures.what(e), raw, failure);
        }
        closeResumed();
        resumedIn = resync.fromCurrentLine();
        lineBase = resync.currentLine() - 1;
        parser = createParser(resumedIn);
        recordLine = 0;
    }

    /** Closes the parser and the stream of a resumed parse (never the hashing stream, which goes on). */
    private void closeResumed() throws IOException {
        try (InputStream closedSecond = resumedIn;
                JsonParser closedFirst = parser) {
            // nothing to do but close
        } finally {
            parser = null;
            resumedIn = null;
        }
    }

    /** The first bytes of the file (for {@link LineResync#supports}). */
    private byte[] head() {
        try (InputStream s = Files.newInputStream(file)) {
            return s.readNBytes(4);
        } catch (IOException e) {
            // Opening the file again just below reports what is wrong with it.
            return new byte[0];
        }
    }

    /** A location's physical line in the file. */
    private long line(JsonLocation loc) {
        return loc == null ? 0 : lineBase + Math.max(0, loc.getLineNr());
    }

    // ---- reading

    private void useSchema(LakeSchema s) {
        schema = s;
        columnIndex = new HashMap<>();
        declared = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            columnIndex.put(keys.get(i), i);
            declared[i] = options.typeOverrides().containsKey(s.fields().get(i).name());
        }
        seenInRecord = new long[s.size()];
        builder = new ArrowBatchBuilder(s);
    }

    /** The column: its type override's full type (decimal parameters) if it has one, else {@code type}. */
    private LakeField column(String name, LakeType type) {
        try {
            LakeField override = options.typeOverride(name, name);
            return override != null ? override : LakeField.nullable(name, type);
        } catch (IllegalArgumentException e) {
            throw new ReadFailedException(label + ": " + e.getMessage(), 0, name, e);
        }
    }

    private void startReading() throws IOException {
        digest = ContentHashes.newDigest();
        in = new DigestInputStream(Files.newInputStream(file), digest);
        parser = createParser(in);
    }

    private void finishReading() throws IOException {
        exhausted = true;
        // Jackson stops at the last token; whatever trails it (whitespace) is still source bytes.
        in.transferTo(OutputStream.nullOutputStream());
        contentHashIs(ContentHashes.format(digest));
        if (duplicateKeys > 0) {
            fact("duplicateKeys", Long.toString(duplicateKeys));
        }
        // The file is read: release it now rather than when the caller closes the reader.
        doClose();
    }

    /**
     * Reads the record starting at {@code start} into {@code row}; false if it was a bad row,
     * handed to the handler and skipped (nothing written).
     */
    private boolean readRecord(JsonToken start, int row) throws IOException {
        if (!objects) {
            if (start != JsonToken.VALUE_NULL && !putValue(0, row, VALUE_COLUMN, start)) {
                LakeType expected = builder.type(0);
                throw new ValueMismatchException(
                        label,
                        line(parser.currentTokenLocation()),
                        VALUE_COLUMN,
                        expected,
                        JsonTypes.union(expected, kindOf(parser, start)));
            }
            return true;
        }
        if (start != JsonToken.START_OBJECT) {
            long line = line(parser.currentTokenLocation());
            String what = describe(start);
            String raw = start.isStructStart()
                    ? copyStructure(null)
                    : start == JsonToken.VALUE_STRING
                            ? "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(parser.getText())) + "\""
                            : parser.getText();
            String reason = layout == Layout.LINES
                    ? "expected one JSON object per line, found " + what
                    : "record " + record + " is " + what + ", but every record must be an object";
            badRow(line, reason, raw, new ReadFailedException(label + ": line " + line + ": " + reason, line, null));
            return false;
        }
        readObject(row);
        return true;
    }

    private void readObject(int row) throws IOException {
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Integer col = columnIndex.get(key);
            JsonToken value = parser.nextToken();
            if (col == null) {
                checkKey(parser, key);
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                throw new NewColumnException(
                        label, line(parser.currentTokenLocation()), record, key, kindOf(parser, value), sampledRecords);
            }
            if (seenInRecord[col] == record) {
                // The last value wins, as in most JSON parsers (JavaScript's, Python's, Jackson's tree).
                duplicateKey(parser, key);
                if (value == JsonToken.VALUE_NULL) {
                    builder.putNull(col, row);
                }
            }
            seenInRecord[col] = record;
            if (value != JsonToken.VALUE_NULL && !putValue(col, row, key, value)) {
                LakeType expected = builder.type(col);
                throw new ValueMismatchException(
                        label,
                        line(parser.currentTokenLocation()),
                        schema.fields().get(col).name(),
                        expected,
                        JsonTypes.union(expected, kindOf(parser, value)));
            }
        }
        expectEndObject(t);
    }

    /** Writes the current value; false if it does not fit the column's type (nothing consumed past it then). */
    private boolean putValue(int col, int row, String key, JsonToken value) throws IOException {
        LakeType type = builder.type(col);
        boolean textual = type == LakeType.STRING || type == LakeType.JSON;
        return switch (value) {
            case VALUE_TRUE, VALUE_FALSE -> builder.putBoolean(col, row, value == JsonToken.VALUE_TRUE);
            case VALUE_NUMBER_INT -> {
                if (textual) {
                    yield builder.putJson(col, row, parser.getText());
                }
                if (type == LakeType.DECIMAL) {
                    yield builder.putDecimal(col, row, parser.getDecimalValue());
                }
                yield parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                        && builder.putLong(col, row, parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                if (textual) {
                    yield builder.putJson(col, row, parser.getText());
                }
                if (type == LakeType.DECIMAL) {
                    // Exact: the number's own digits, not the nearest double.
                    yield builder.putDecimal(col, row, parser.getDecimalValue());
                }
                double d = parser.getDoubleValue();
                yield Double.isFinite(d) && builder.putDouble(col, row, d);
            }
            case VALUE_STRING -> putString(col, row, type, parser.getText());
            case START_OBJECT, START_ARRAY -> textual && builder.putJson(col, row, copyStructure(key));
            default -> throw new IllegalStateException("Unexpected JSON token " + value);
        };
    }

    private boolean putString(int col, int row, LakeType type, String s) {
        return switch (type) {
            case STRING, JSON -> builder.putString(col, row, s);
            case DATE -> {
                int day = JsonTemporal.parseDate(s);
                yield day != JsonTemporal.NOT_A_DATE && builder.putDate(col, row, day);
            }
            case TIMESTAMP -> {
                long micros = JsonTemporal.parseTimestamp(s);
                yield micros != JsonTemporal.NOT_A_TIMESTAMP && builder.putTimestamp(col, row, micros);
            }
            case BOOLEAN -> {
                boolean t = "true".equalsIgnoreCase(s);
                yield declared[col] && (t || "false".equalsIgnoreCase(s)) && builder.putBoolean(col, row, t);
            }
            case INT, BIGINT -> {
                Long v = declared[col] ? JsonTypes.parseLong(s) : null;
                yield v != null && builder.putLong(col, row, v);
            }
            case DOUBLE -> {
                Double v = declared[col] ? JsonTypes.parseDouble(s) : null;
                yield v != null && builder.putDouble(col, row, v);
            }
            case BINARY -> {
                byte[] bytes = base64(s);
                yield bytes != null && builder.putBytes(col, row, bytes);
            }
            case DECIMAL -> {
                BigDecimal v = declared[col] ? TextTypes.decimal(s, builder.field(col)) : null;
                yield v != null && builder.putDecimal(col, row, v);
            }
            case TIME -> {
                long micros = TextTypes.time(s);
                yield micros != TextTypes.INVALID && builder.putTime(col, row, micros);
            }
            case LOCAL_TIMESTAMP -> {
                long micros = TextTypes.localTimestamp(s);
                yield micros != TextTypes.INVALID && builder.putLocalTimestamp(col, row, micros);
            }
            case UUID -> {
                java.util.UUID v = TextTypes.uuid(s);
                yield v != null && builder.putUuid(col, row, v);
            }
            // JSON arrays are kept as JSON text (ADR 0007); lists come from Parquet and databases.
            case LIST -> false;
        };
    }

    /**
     * The object or array starting at the current token as compact JSON, leaving the parser on its
     * closing token. A key repeated within one object keeps its last value (counted and logged as
     * inside {@code topKey}; not counted when {@code topKey} is null, i.e. for a bad row's raw text).
     */
    private String copyStructure(String topKey) throws IOException {
        StringWriter out = new StringWriter();
        boolean repeatedKeys = false;
        ArrayDeque<Set<String>> keys = new ArrayDeque<>();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            JsonToken t = parser.currentToken();
            do {
                switch (t) {
                    case START_OBJECT -> {
                        g.writeStartObject();
                        keys.push(new HashSet<>());
                    }
                    case START_ARRAY -> {
                        g.writeStartArray();
                        keys.push(IN_ARRAY);
                    }
                    case END_OBJECT -> {
                        g.writeEndObject();
                        keys.pop();
                    }
                    case END_ARRAY -> {
                        g.writeEndArray();
                        keys.pop();
                    }
                    case FIELD_NAME -> {
                        String name = parser.currentName();
                        if (!keys.peek().add(name)) {
                            repeatedKeys = true;
                            if (topKey != null) {
                                duplicateKey(parser, topKey + " > " + name);
                            }
                        }
                        g.writeFieldName(name);
                    }
                    case VALUE_STRING ->
                        g.writeString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
                    // Numbers verbatim: re-printing a double would change 1.10 into 1.1.
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(parser.getText());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new IllegalStateException("Unexpected JSON token " + t);
                }
            } while (!keys.isEmpty() && (t = parser.nextToken()) != null);
        }
        return repeatedKeys ? LastKeyWins.rewrite(out.toString()) : out.toString();
    }

    // ---- structure

    private JsonParser createParser(InputStream stream) throws IOException {
        Charset cs = options.charset();
        if (cs == null || cs.equals(StandardCharsets.UTF_8)) {
            return FACTORY.createParser(stream);
        }
        return FACTORY.createParser(new InputStreamReader(
                stream,
                cs.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    /**
     * Advances to the first token of the next record, or returns null at the end of the input. The
     * input is a sequence of top-level JSON values (usually one). With layout ARRAY each top-level
     * array's elements are records and any other top-level value is one record; with layout LINES
     * every top-level value is a record.
     */
    private JsonToken nextRecord(JsonParser p) throws IOException {
        while (true) {
            JsonToken t = nextTopLevelToken(p);
            if (t == null) {
                return null;
            }
            if (layout == Layout.ARRAY) {
                if (inArray && t == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                if (!inArray && t == JsonToken.START_ARRAY) {
                    inArray = true;
                    topValues++;
                    continue;
                }
            }
            if (!inArray) {
                topValues++;
            }
            return t;
        }
    }

    /**
     * The next token; after a complete top-level array, content that is not JSON is refused naming
     * its offset (more JSON values are read as more records).
     */
    private JsonToken nextTopLevelToken(JsonParser p) throws IOException {
        if (layout != Layout.ARRAY || inArray || topValues == 0) {
            return p.nextToken();
        }
        try {
            return p.nextToken();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            long line = line(loc);
            throw new ReadFailedException(
                    label + ": offset " + offset(loc) + " (line " + line + ", position " + loc.getColumnNr()
                            + "): unexpected content after the top-level JSON value that ends before it;"
                            + " only more JSON values (read as more records) may follow",
                    line,
                    null,
                    new JsonFailures.RedactedParseException(e));
        }
    }

    private void expectEndObject(JsonToken t) {
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("Jackson ended an object with " + t);
        }
    }

    private void checkKey(JsonParser p, String key) {
        if (key.isEmpty()) {
            long line = line(p.currentTokenLocation());
            throw new ReadFailedException(
                    label + ": line " + line + ": a key is the empty string, which cannot name a column", line, "");
        }
    }

    /** The type of the value at the current token (for inference and for mismatch suggestions). */
    private static LakeType kindOf(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_TRUE, VALUE_FALSE -> LakeType.BOOLEAN;
            case VALUE_NUMBER_INT ->
                p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? LakeType.STRING
                        : JsonTypes.ofLong(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> Double.isFinite(p.getDoubleValue()) ? LakeType.DOUBLE : LakeType.STRING;
            case VALUE_STRING -> JsonTemporal.classify(p.getText());
            case START_OBJECT, START_ARRAY -> LakeType.JSON;
            default -> throw new IllegalStateException("Unexpected JSON token " + t);
        };
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** Counts a key repeated within one object and logs it (the key, never a value) once per file. */
    private void duplicateKey(JsonParser p, String key) {
        duplicateKeys++;
        if (loggedDuplicateKeys.size() < MAX_LOGGED_DUPLICATE_KEYS && loggedDuplicateKeys.add(key)) {
            LOG.info(
                    "{}: line {}: key '{}' appears more than once in one object; the last value is kept"
                            + " (repeated keys are counted in the fact read.duplicateKeys)",
                    label,
                    line(p.currentTokenLocation()),
                    key);
        }
    }

    private ReadFailedException failure(JsonProcessingException e) {
        return JsonFailures.of(label, e, currentLocation(), lineBase);
    }

    private ReadFailedException undecodable(CharacterCodingException e) {
        JsonLocation loc = currentLocation();
        long line = line(loc);
        return new ReadFailedException(
                label + (line > 0 ? ": line " + line : "") + ": bytes that are not valid "
                        + options.charset().name() + "; name the file's encoding or save it as UTF-8",
                line,
                null,
                e);
    }

    private JsonLocation currentLocation() {
        return parser == null ? null : parser.currentLocation();
    }

    private static long offset(JsonLocation loc) {
        return Math.max(loc.getByteOffset(), loc.getCharOffset());
    }

    private static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException notBase64) {
            // Not Base64: the caller reports a value mismatch for this column and line.
            return null;
        }
    }

    /**
     * Anything else a record throws is still about this file: a refusal naming it and the record,
     * never an internal error. The type, not the message: it may quote data.
     */
    private ReadFailedException unexpected(RuntimeException e) {
        return new ReadFailedException(
                label + ": record " + Math.max(record, 1) + " could not be read ("
                        + e.getClass().getSimpleName() + ")",
                record,
                null,
                e);
    }
}

package io.lakehub.processors.read.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;

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
 * <p>Nested objects and arrays are stored as compact JSON text, keys in source order, numbers as
 * written. A key repeated within one object (at any depth) is refused, naming the key, because
 * which value "wins" is undefined in JSON. Errors name the file, the line and the position in the
 * line (bytes, as Jackson counts them for UTF-8 input), never a value.
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
            .build();

    private static final Set<String> IN_ARRAY = Collections.emptySet();

    /** How records are laid out in the file. */
    enum Layout {
        /** {@code [ {...}, {...} ]} */
        ARRAY,
        /** {@code {...}} per line; blank lines are skipped (an object may span lines). */
        LINES
    }

    private final Layout layout;

    private LakeSchema schema;
    private Map<String, Integer> columnIndex;
    private boolean[] declared;
    private long sampledRecords;
    /** Whether {@link #doOpen} is sampling: bad rows are skipped silently then, reported by the data pass. */
    private boolean sampling;

    private ArrowBatchBuilder builder;

    private InputStream in;
    private MessageDigest digest;
    private JsonParser parser;
    private long record;
    private long[] seenInRecord;
    private boolean exhausted;

    JsonRecordReader(Path file, ReadOptions options, Layout layout) {
        super(file, options);
        this.layout = layout;
    }

    @Override
    protected void doOpen() {
        List<String> names = new ArrayList<>();
        List<LakeType> types = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        long[] seen = new long[16];
        long records = 0;
        sampling = true;
        try (InputStream sampleIn = Files.newInputStream(file);
                JsonParser p = createParser(sampleIn)) {
            parser = p;
            if (!enterRecords(p)) {
                throw noRecords(false);
            }
            long maxBytes = (long) SAMPLE_MIB << 20;
            while (records < SAMPLE_RECORDS && offset(p.currentLocation()) < maxBytes && nextRecord(p, records)) {
                records++;
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
                        if (col >= seen.length) {
                            seen = Arrays.copyOf(seen, seen.length * 2);
                        }
                    }
                    if (seen[col] == records) {
                        throw duplicateKey(p, key, null);
                    }
                    seen[col] = records;
                    types.set(col, JsonTypes.union(types.get(col), kindOf(p, p.nextToken())));
                    p.skipChildren();
                }
                expectEndObject(t);
            }
            if (records == 0) {
                throw noRecords(layout == Layout.ARRAY);
            }
        } catch (JsonProcessingException e) {
            throw JsonFailures.of(label, e, currentLocation());
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
            parser = null;
            sampling = false;
        }
        sampledRecords = records;
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
        for (int i = 0; i < names.size(); i++) {
            LakeType type = types.get(i) == null ? LakeType.STRING : types.get(i);
            fields.add(column(names.get(i), type));
        }
        for (Map.Entry<String, LakeType> extra : new TreeMap<>(overrides).entrySet()) {
            if (!index.containsKey(extra.getKey())) {
                fields.add(column(extra.getKey(), extra.getValue()));
            }
        }
        if (fields.isEmpty()) {
            throw new ReadFailedException(
                    label + ": the " + (records == 1 ? "record has" : records + " records have")
                            + " no keys, so there are no columns to read",
                    0,
                    null);
        }
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
                if (!nextRecord(parser, record)) {
                    finishReading();
                    break;
                }
                record++;
                readRecord(rows);
                rows++;
            }
        } catch (JsonProcessingException e) {
            throw JsonFailures.of(label, e, currentLocation());
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
        // try-with-resources closes the parser, then the stream, even when the first close fails.
        try (InputStream closedSecond = in;
                JsonParser closedFirst = parser) {
            // nothing to do but close
        } finally {
            parser = null;
            in = null;
        }
    }

    // ---- reading

    private void useSchema(LakeSchema s) {
        schema = s;
        columnIndex = new HashMap<>();
        declared = new boolean[s.size()];
        for (int i = 0; i < s.size(); i++) {
            String name = s.fields().get(i).name();
            columnIndex.put(name, i);
            declared[i] = options.typeOverrides().containsKey(name);
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
        if (!enterRecords(parser)) {
            throw noRecords(false);
        }
    }

    private void finishReading() throws IOException {
        exhausted = true;
        // Jackson stops at the last token; whatever trails it (whitespace) is still source bytes.
        in.transferTo(OutputStream.nullOutputStream());
        contentHashIs(ContentHashes.format(digest));
        // The file is read: release it now rather than when the caller closes the reader.
        doClose();
    }

    private void readRecord(int row) throws IOException {
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
                        label,
                        parser.currentTokenLocation().getLineNr(),
                        record,
                        key,
                        kindOf(parser, value),
                        sampledRecords);
            }
            if (seenInRecord[col] == record) {
                throw duplicateKey(parser, key, null);
            }
            seenInRecord[col] = record;
            if (value != JsonToken.VALUE_NULL && !putValue(col, row, key, value)) {
                LakeType expected = builder.type(col);
                throw new ValueMismatchException(
                        label,
                        parser.currentTokenLocation().getLineNr(),
                        key,
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
     * closing token. Refuses a key repeated within one object.
     */
    private String copyStructure(String topKey) throws IOException {
        StringWriter out = new StringWriter();
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
                            throw duplicateKey(parser, name, topKey);
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
        return out.toString();
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

    /** Positions the parser before the first record; false if the file holds no tokens at all. */
    private boolean enterRecords(JsonParser p) throws IOException {
        if (layout == Layout.LINES) {
            return true;
        }
        JsonToken first = p.nextToken();
        if (first == null) {
            return false;
        }
        if (first == JsonToken.START_ARRAY) {
            return true;
        }
        String hint = first == JsonToken.START_OBJECT
                ? "; a file with one JSON object per line is NDJSON (format ndjson)"
                : "";
        throw new ReadFailedException(
                label + ": line " + p.currentTokenLocation().getLineNr() + ": expected a JSON array of objects"
                        + " ('['), found " + describe(first) + hint,
                p.currentTokenLocation().getLineNr(),
                null);
    }

    /** Advances to the next record's '{'; false at the end of the records. */
    private boolean nextRecord(JsonParser p, long recordsSoFar) throws IOException {
        JsonToken t = p.nextToken();
        if (layout == Layout.LINES) {
            // A value that is not an object is a bad row: reported (by the data pass, not the sample)
            // and skipped when bad rows are, else it fails the read.
            while (t != null && t != JsonToken.START_OBJECT) {
                long line = p.currentTokenLocation().getLineNr();
                ReadFailedException failure = new ReadFailedException(
                        label + ": line " + line + ": expected one JSON object per line, found " + describe(t),
                        line,
                        null);
                if (!skipsBadRows()) {
                    throw failure;
                }
                String raw = t.isScalarValue() ? p.getText() : null;
                p.skipChildren();
                if (!sampling) {
                    badRow(line, "expected a JSON object, found " + describe(t), raw, failure);
                }
                t = p.nextToken();
            }
            return t != null;
        }
        if (t == JsonToken.END_ARRAY) {
            JsonToken after = p.nextToken();
            if (after != null) {
                long line = p.currentTokenLocation().getLineNr();
                throw new ReadFailedException(
                        label + ": line " + line + ": unexpected content after the array's closing ']'", line, null);
            }
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            long line = p.currentTokenLocation().getLineNr();
            throw new ReadFailedException(
                    label + ": line " + line + ": array element " + (recordsSoFar + 1) + " is " + describe(t)
                            + ", but every element must be an object (one record)",
                    line,
                    null);
        }
        return true;
    }

    private void expectEndObject(JsonToken t) {
        if (t != JsonToken.END_OBJECT) {
            throw new IllegalStateException("Jackson ended an object with " + t);
        }
    }

    private void checkKey(JsonParser p, String key) {
        if (key.isEmpty()) {
            long line = p.currentTokenLocation().getLineNr();
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

    private ReadFailedException duplicateKey(JsonParser p, String key, String insideKey) {
        long line = p.currentTokenLocation().getLineNr();
        String where = insideKey == null ? "" : " inside the value of key '" + insideKey + "'";
        return new ReadFailedException(
                label + ": line " + line + ": key '" + key + "' appears twice in one object" + where
                        + "; JSON does not say which value counts, so the file is refused",
                line,
                insideKey == null ? key : insideKey);
    }

    /** @param emptyArray the file is {@code []} rather than empty or blank */
    private ReadFailedException noRecords(boolean emptyArray) throws IOException {
        if (emptyArray) {
            return new ReadFailedException(label + ": the JSON array is empty; there are no records to read", 0, null);
        }
        return Files.size(file) == 0
                ? new ReadFailedException(label + ": file is empty", 0, null)
                : new ReadFailedException(label + ": file holds no JSON records, only whitespace", 0, null);
    }

    private ReadFailedException undecodable(CharacterCodingException e) {
        JsonLocation loc = currentLocation();
        long line = loc == null ? 0 : loc.getLineNr();
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

package io.lakehub.processors.read.parquet;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.parquet.HadoopFreeCodecFactory;
import io.lakehub.processors.read.AbstractBatchReader;
import io.lakehub.processors.read.ArrowBatchBuilder;
import io.lakehub.processors.read.ContentHashes;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.SourceSchemas;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.crypto.ParquetCryptoRuntimeException;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Parquet file with parquet-java, one row group at a time (memory holds one row group's
 * pages plus one batch, never the file), without Hadoop: the file is opened as an NIO channel
 * ({@link ParquetChannelInputFile}), options come from {@link ParquetHadoopFree}, pages are
 * decompressed by {@link HadoopFreeCodecFactory}. Records are assembled with parquet-java's example
 * {@link Group} API: simple and exactly per spec, at the cost of an object per value.
 *
 * <p>Each top-level field is one column, typed as {@link ParquetColumnKind} describes: lists of
 * primitive values are LIST columns, other nested groups and repeated fields JSON text ({@link
 * ParquetJson}). Every column is nullable. Type overrides and {@link #readAs} may only widen (see
 * {@link #canRead}): int to bigint, double or a wide enough decimal, bigint likewise, a decimal to a
 * wider decimal or double, date to timestamp, a list to json, anything to string; an override to
 * {@code timestamp} reads a timestamp without zone as UTC.
 *
 * <p>Refused, naming the file: an empty or non-Parquet file, an encrypted file, a compression codec
 * other than those {@link HadoopFreeCodecFactory} supports (naming codec and column), and, naming the
 * row and column, text that is not valid UTF-8. A file without rows reads as its columns and no
 * rows. The content hash is taken in
 * {@link #open()} over the same open channel that is then decoded, and published, like every
 * format's, once {@link #next} has returned false.
 *
 * <p>Logging: keep {@code org.apache.parquet} at INFO or above. At DEBUG parquet-java logs each
 * footer it reads, column min/max statistics (data values) included.
 */
public final class ParquetBatchReader extends AbstractBatchReader {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetBatchReader.class);

    private FileChannel channel;
    private ParquetFileReader reader;
    /** Columns whose logical type is not interpreted, with why, read as their physical type. */
    private final Map<String, String> readAsPhysical = new LinkedHashMap<>();

    private MessageType fileSchema;
    private MessageColumnIO columnIO;
    private ParquetColumnKind[] kinds;
    private LakeSchema inferred;
    private LakeSchema schema;
    private ArrowBatchBuilder builder;

    private RecordReader<Group> records;
    private long rowsLeftInGroup;
    private int rowGroup;
    private boolean exhausted;

    public ParquetBatchReader(Path file, ReadOptions options) {
        super(file, options);
    }

    @Override
    protected void doOpen() {
        ParquetReadOptions readOptions = ParquetHadoopFree.readOptions(HadoopFreeCodecFactory.forReading());
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            if (channel.size() == 0) {
                throw new ReadFailedException(label + ": file is empty", 0, null);
            }
            // Hashed now, over the channel that is then decoded; published once next() returned false.
            contentHashIs(hash(channel));
        } catch (NoSuchFileException e) {
            throw releasedAfter(new ReadFailedException(label + ": file not found. Nothing was read.", 0, null, e));
        } catch (IOException e) {
            throw releasedAfter(new ReadFailedException(label + ": could not be read (" + e + ")", 0, null, e));
        } catch (ReadFailedException e) {
            throw releasedAfter(e);
        }
        try {
            reader = new ParquetFileReader(new ParquetChannelInputFile(channel), readOptions);
        } catch (ParquetCryptoRuntimeException e) {
            throw releasedAfter(new ReadFailedException(
                    label + ": the Parquet file is encrypted, which is not supported", 0, null, e));
        } catch (IOException | RuntimeException e) {
            // parquet-java reports a missing or damaged footer, but also a valid footer it cannot
            // convert (a logical type newer than it knows), with a plain RuntimeException or IOException.
            reader = openDespite(e, readOptions);
        }
        try {
            inspect();
        } catch (ReadFailedException e) {
            throw releasedAfter(e);
        } catch (RuntimeException e) {
            // A footer that parses but describes something impossible (a damaged schema, a bad type).
            throw releasedAfter(new ReadFailedException(
                    label + ": the Parquet file's footer cannot be used (" + problem(e)
                            + "); the file is damaged or was written by an incompatible writer",
                    0,
                    null,
                    e));
        }
    }

    /**
     * After parquet-java failed to open the file: reads the footer itself. No footer: the file is
     * refused as not Parquet. A valid footer with logical types parquet-java does not know: those
     * columns are read as their physical type, with a warning (log and fact {@code
     * read.unknownLogicalTypes}). Otherwise the refusal says the footer is valid but unusable.
     */
    private ParquetFileReader openDespite(Exception failure, ParquetReadOptions readOptions) {
        ParquetFooter footer;
        try {
            footer = ParquetFooter.read(channel);
        } catch (IOException | RuntimeException noFooter) {
            failure.addSuppressed(noFooter);
            throw releasedAfter(new ReadFailedException(
                    label + ": not a readable Parquet file (no valid footer: truncated, or another format)",
                    0,
                    null,
                    failure));
        }
        List<String> unknown = footer.dropUnknownLogicalTypes();
        if (!unknown.isEmpty()) {
            try {
                ParquetChannelInputFile in = new ParquetChannelInputFile(channel);
                ParquetFileReader opened = new ParquetFileReader(in, footer.metadata(), readOptions, in.newStream());
                unknown.forEach(column -> readAsPhysical.put(column, "a logical type newer than this reader knows"));
                return opened;
            } catch (IOException | RuntimeException stillFails) {
                failure.addSuppressed(stillFails);
            }
        }
        throw releasedAfter(new ReadFailedException(
                label + ": the Parquet file's footer is valid but cannot be used (" + problem(failure)
                        + "); the file is damaged or was written by an incompatible writer",
                0,
                null,
                failure));
    }

    private void inspect() {
        FileMetaData meta = reader.getFooter().getFileMetaData();
        if (meta.getEncryptionType() != FileMetaData.EncryptionType.UNENCRYPTED) {
            throw new ReadFailedException(label + ": the Parquet file is encrypted, which is not supported", 0, null);
        }
        for (BlockMetaData block : reader.getRowGroups()) {
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (!HadoopFreeCodecFactory.DECOMPRESSIBLE.contains(chunk.getCodec())) {
                    throw new ReadFailedException(
                            label + ": column '" + chunk.getPath().toDotString() + "' is compressed with "
                                    + chunk.getCodec() + "; supported are " + HadoopFreeCodecFactory.DECOMPRESSIBLE,
                            0,
                            chunk.getPath().toDotString());
                }
            }
        }
        fileSchema = meta.getSchema();
        if (fileSchema.getFieldCount() == 0) {
            throw new ReadFailedException(label + ": the Parquet file has no columns", 0, null);
        }
        kinds = new ParquetColumnKind[fileSchema.getFieldCount()];
        List<LakeField> fields = new ArrayList<>(kinds.length);
        List<LakeField> overridden = new ArrayList<>(kinds.length);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < kinds.length; i++) {
            Type field = fileSchema.getType(i);
            if (!names.add(field.getName())) {
                throw new ReadFailedException(
                        label + ": two columns are named '" + field.getName() + "'", 0, field.getName());
            }
            kinds[i] = ParquetColumnKind.of(field);
            String uninterpreted = ParquetColumnKind.uninterpretedAnnotation(field);
            if (uninterpreted != null) {
                readAsPhysical.put(field.getName(), uninterpreted);
            }
            LakeField lake = lakeField(field, kinds[i]);
            fields.add(lake);
            LakeField override;
            try {
                override = options.typeOverride(field.getName(), field.getName());
            } catch (IllegalArgumentException e) {
                throw new ReadFailedException(label + ": " + e.getMessage(), 0, field.getName(), e);
            }
            LakeField read = override == null ? lake : override;
            if (!canRead(lake, read)) {
                throw new ReadFailedException(
                        label + ": column '" + field.getName() + "' holds " + lake.typeName()
                                + " values, which cannot be read as " + read.typeName() + " (type override)",
                        0,
                        field.getName());
            }
            overridden.add(read);
        }
        if (!readAsPhysical.isEmpty()) {
            // Column names and type names only, never values.
            LOG.warn(
                    "{}: columns with a logical type this reader does not interpret are read as their"
                            + " physical type: {}",
                    label,
                    readAsPhysical);
            fact("unknownLogicalTypes", String.join(", ", readAsPhysical.keySet()));
        }
        inferred = SourceSchemas.of(label, fields);
        columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
        use(SourceSchemas.of(label, overridden));
    }

    @Override
    public LakeSchema schema() {
        requireOpen();
        return schema;
    }

    @Override
    protected void doReadAs(LakeSchema target) {
        if (!target.names().equals(inferred.names())) {
            throw new IllegalArgumentException(
                    "readAs() needs the columns " + inferred.names() + " in this order, got " + target.names());
        }
        for (int i = 0; i < target.size(); i++) {
            LakeField from = inferred.fields().get(i);
            LakeField to = target.fields().get(i);
            if (!canRead(from, to)) {
                throw new IllegalArgumentException("Column '" + to.name() + "' holds " + from.typeName()
                        + " values and cannot be read as " + to.typeName());
            }
        }
        use(target);
    }

    @Override
    protected int doNext(VectorSchemaRoot batch) {
        builder.begin(batch);
        int batchRows = batchRows();
        long rowsRead = rowsRead();
        int rows = 0;
        try {
            while (!exhausted && rows < batchRows && !builder.full()) {
                if (rowsLeftInGroup == 0) {
                    List<BlockMetaData> groups = reader.getRowGroups();
                    if (rowGroup >= groups.size()) {
                        exhausted = true;
                        break;
                    }
                    // Refuses a damaged row group before parquet-java could reach Hadoop building its message.
                    ParquetPageCheck.check(channel, channel.size(), groups.get(rowGroup), rowGroup + 1, label);
                    PageReadStore pages = reader.readNextRowGroup();
                    if (pages == null) {
                        exhausted = true;
                        break;
                    }
                    rowGroup++;
                    rowsLeftInGroup = pages.getRowCount();
                    if (rowsLeftInGroup == 0) {
                        // A row group without rows (some writers leave one): nothing to assemble.
                        continue;
                    }
                    records = columnIO.getRecordReader(pages, new GroupRecordConverter(fileSchema));
                    continue;
                }
                Group row = records.read();
                rowsLeftInGroup--;
                writeRow(row, rows, rowsRead + rows + 1);
                rows++;
            }
        } catch (ReadFailedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Whatever parquet-java throws for a damaged page (ParquetDecodingException, an
            // IllegalArgumentException for an invalid bit width, an index out of bounds ...) is about
            // this file: a refusal naming it, never an internal error.
            int group = Math.max(rowGroup, 1);
            throw new ReadFailedException(
                    label + ": row group " + group + culprit(group - 1) + " cannot be decoded (after row "
                            + (rowsRead + rows) + "): " + problem(e)
                            + ". The file is damaged or uses an encoding this reader does not support",
                    rowsRead + rows + 1,
                    null,
                    e);
        }
        builder.end(rows);
        return rows;
    }

    /**
     * After a row group failed to decode: decodes each of its columns on its own to find the one
     * that fails, returned as {@code ", column 'x' (encodings ...)"} for the refusal; empty if none
     * fails on its own (or the row group cannot even be read again).
     */
    private String culprit(int rowGroupIndex) {
        try {
            PageReadStore pages = reader.readRowGroup(rowGroupIndex);
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(
                    pages,
                    new GroupRecordConverter(fileSchema).getRootConverter(),
                    fileSchema,
                    reader.getFooter().getFileMetaData().getCreatedBy());
            BlockMetaData block = reader.getRowGroups().get(rowGroupIndex);
            List<ColumnDescriptor> columns = fileSchema.getColumns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnDescriptor column = columns.get(i);
                try {
                    ColumnReader values = store.getColumnReader(column);
                    for (long n = values.getTotalValueCount(); n > 0; n--) {
                        if (values.getCurrentDefinitionLevel() == column.getMaxDefinitionLevel()) {
                            readValue(values, column.getPrimitiveType().getPrimitiveTypeName());
                        }
                        values.consume();
                    }
                } catch (RuntimeException failsAlone) {
                    ColumnChunkMetaData chunk = block.getColumns().get(i);
                    return ", column '" + String.join(".", column.getPath()) + "' (encodings "
                            + chunk.getEncodings().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .collect(Collectors.joining(", "))
                            + ", " + chunk.getCodec() + ")";
                }
            }
        } catch (IOException | RuntimeException notAgain) {
            // The first failure is the one reported; this only adds detail when it can.
        }
        return "";
    }

    private static void readValue(ColumnReader values, PrimitiveType.PrimitiveTypeName type) {
        switch (type) {
            case BOOLEAN -> values.getBoolean();
            case INT32 -> values.getInteger();
            case INT64 -> values.getLong();
            case FLOAT -> values.getFloat();
            case DOUBLE -> values.getDouble();
            case INT96, BINARY, FIXED_LEN_BYTE_ARRAY -> values.getBinary();
        }
    }

    /** The failure in a few words, for the refusal: parquet-java's messages name pages and columns, not values. */
    static String problem(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    @Override
    protected void doClose() throws IOException {
        // try-with-resources closes the reader, then the channel, even when the first close fails.
        try (FileChannel closedSecond = channel;
                ParquetFileReader closedFirst = reader) {
            // nothing to do but close
        } finally {
            reader = null;
            channel = null;
        }
    }

    // ----

    /** The lake column of a top-level Parquet field read as {@code kind}, parameters included. */
    private static LakeField lakeField(Type field, ParquetColumnKind kind) {
        return switch (kind) {
            case DECIMAL -> {
                var d = (LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)
                        field.asPrimitiveType().getLogicalTypeAnnotation();
                yield LakeField.decimal(field.getName(), d.getPrecision(), d.getScale());
            }
            case LIST -> {
                PrimitiveType element = ParquetColumnKind.listElement(field);
                yield LakeField.list(field.getName(), lakeField(element, ParquetColumnKind.ofPrimitive(element)));
            }
            default -> LakeField.nullable(field.getName(), kind.lakeType());
        };
    }

    /**
     * Whether values of {@code from} can be read into a column of type {@code to}: the same type,
     * anything into string (lists as JSON text), a list into json, int to bigint / double / a decimal
     * with at least 10 integer digits, bigint to double / a decimal with at least 19, a decimal to
     * double or to a decimal with at least as many integer digits and as large a scale, date to
     * timestamp / timestamp_ntz, and timestamp_ntz to timestamp (taken as UTC, which only a type
     * override asks for: schema evolution never merges the two).
     */
    static boolean canRead(LakeField from, LakeField to) {
        LakeType f = from.type();
        LakeType t = to.type();
        if (from.sameType(to) || t == LakeType.STRING) {
            return true;
        }
        return switch (f) {
            case INT -> t == LakeType.BIGINT || t == LakeType.DOUBLE || decimalHolds(to, 10, 0);
            case BIGINT -> t == LakeType.DOUBLE || decimalHolds(to, 19, 0);
            case DECIMAL -> t == LakeType.DOUBLE || decimalHolds(to, from.precision() - from.scale(), from.scale());
            case DATE -> t == LakeType.TIMESTAMP || t == LakeType.LOCAL_TIMESTAMP;
            case LOCAL_TIMESTAMP -> t == LakeType.TIMESTAMP;
            case LIST -> t == LakeType.JSON;
            default -> false;
        };
    }

    private static boolean decimalHolds(LakeField to, int integerDigits, int scale) {
        return to.type() == LakeType.DECIMAL && to.precision() - to.scale() >= integerDigits && to.scale() >= scale;
    }

    private void use(LakeSchema s) {
        schema = s;
        builder = new ArrowBatchBuilder(s);
    }

    private void writeRow(Group g, int row, long rowNumber) throws IOException {
        for (int c = 0; c < kinds.length; c++) {
            // An absent optional field is null; an absent repeated field is an empty list.
            if (g.getFieldRepetitionCount(c) == 0 && !fileSchema.getType(c).isRepetition(Type.Repetition.REPEATED)) {
                continue;
            }
            boolean ok;
            try {
                ok = put(g, c, row);
            } catch (CharacterCodingException e) {
                String column = schema.fields().get(c).name();
                throw new ReadFailedException(
                        label + ": row " + rowNumber + ", column '" + column + "': text that is not valid UTF-8",
                        rowNumber,
                        column,
                        e);
            }
            if (!ok) {
                // canRead() admitted this combination, so every value must fit.
                throw new IllegalStateException("Column '"
                        + schema.fields().get(c).name() + "' of kind " + kinds[c] + " did not fit " + builder.type(c));
            }
        }
    }

    private boolean put(Group g, int c, int row) throws IOException {
        ParquetColumnKind kind = kinds[c];
        return switch (kind) {
            case BOOLEAN -> builder.putBoolean(c, row, g.getBoolean(c, 0));
            case INT32 -> builder.putLong(c, row, g.getInteger(c, 0));
            case UINT32 -> builder.putLong(c, row, Integer.toUnsignedLong(g.getInteger(c, 0)));
            case INT64 -> builder.putLong(c, row, g.getLong(c, 0));
            case UINT64 -> builder.putDouble(c, row, ParquetColumnKind.unsignedToDouble(g.getLong(c, 0)));
            case FLOAT -> builder.putDouble(c, row, ParquetColumnKind.floatToDouble(g.getFloat(c, 0)));
            case DOUBLE -> builder.putDouble(c, row, g.getDouble(c, 0));
            case FLOAT16 ->
                builder.putDouble(
                        c, row, ParquetColumnKind.floatToDouble(ParquetColumnKind.float16(g.getBinary(c, 0))));
            case DECIMAL -> builder.putDecimal(c, row, decimal(g, c));
            case WIDE_DECIMAL -> builder.putDouble(c, row, decimal(g, c).doubleValue());
            case DATE -> builder.putDate(c, row, g.getInteger(c, 0));
            case TIMESTAMP_MILLIS, TIMESTAMP_MICROS, TIMESTAMP_NANOS ->
                builder.putTimestamp(c, row, ParquetColumnKind.timestampMicros(kind, g.getLong(c, 0)));
            case LOCAL_TIMESTAMP_MILLIS, LOCAL_TIMESTAMP_MICROS, LOCAL_TIMESTAMP_NANOS ->
                builder.putLocalTimestamp(c, row, ParquetColumnKind.timestampMicros(kind, g.getLong(c, 0)));
            case INT96 -> builder.putTimestamp(c, row, ParquetColumnKind.int96Micros(g.getInt96(c, 0)));
            case TIME_MILLIS -> builder.putTime(c, row, ParquetColumnKind.timeMicros(kind, g.getInteger(c, 0)));
            case TIME_MICROS, TIME_NANOS ->
                builder.putTime(c, row, ParquetColumnKind.timeMicros(kind, g.getLong(c, 0)));
            case STRING -> {
                byte[] bytes = g.getBinary(c, 0).getBytes();
                ParquetColumnKind.checkUtf8(bytes);
                yield builder.putUtf8(c, row, bytes);
            }
            case JSON -> {
                byte[] bytes = g.getBinary(c, 0).getBytes();
                ParquetColumnKind.checkUtf8(bytes);
                yield builder.putJsonUtf8(c, row, bytes);
            }
            case UUID -> builder.putUuid(c, row, ParquetColumnKind.uuid(g.getBinary(c, 0)));
            case BINARY -> builder.putBytes(c, row, g.getBinary(c, 0).getBytes());
            case LIST ->
                builder.type(c) == LakeType.LIST
                        ? builder.putList(c, row, listValues(g, c))
                        : builder.putJson(c, row, ParquetJson.render(g, c));
            case NESTED -> {
                Type type = fileSchema.getType(c);
                // An absent optional group is null; an absent repeated field is an empty list.
                yield (!type.isRepetition(Type.Repetition.REPEATED) && g.getFieldRepetitionCount(c) == 0)
                        || builder.putJson(c, row, ParquetJson.render(g, c));
            }
        };
    }

    private BigDecimal decimal(Group g, int c) {
        return ParquetColumnKind.decimal(fileSchema.getType(c).asPrimitiveType(), g, c, 0);
    }

    /**
     * The elements of list column {@code c} (present in {@code g}), as {@link ParquetColumnKind#value}
     * gives them, {@code null} for a null element: a repeated primitive field's values, or the
     * elements of a two- or three-level LIST group.
     */
    private List<Object> listValues(Group g, int c) throws CharacterCodingException {
        Type field = fileSchema.getType(c);
        PrimitiveType elementType = ParquetColumnKind.listElement(field);
        ParquetColumnKind elementKind = ParquetColumnKind.ofPrimitive(elementType);
        List<Object> values = new ArrayList<>();
        if (field.isPrimitive()) {
            for (int i = 0, n = g.getFieldRepetitionCount(c); i < n; i++) {
                values.add(ParquetColumnKind.value(elementKind, elementType, g, c, i));
            }
            return values;
        }
        Group list = g.getGroup(c, 0);
        boolean twoLevel = list.getType().getType(0).isPrimitive();
        for (int i = 0, n = list.getFieldRepetitionCount(0); i < n; i++) {
            if (twoLevel) {
                values.add(ParquetColumnKind.value(elementKind, elementType, list, 0, i));
            } else {
                Group wrapper = list.getGroup(0, i);
                values.add(
                        wrapper.getFieldRepetitionCount(0) == 0
                                ? null
                                : ParquetColumnKind.value(elementKind, elementType, wrapper, 0, 0));
            }
        }
        return values;
    }

    private String hash(FileChannel ch) throws IOException {
        MessageDigest digest = ContentHashes.newDigest();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long pos = 0;
        int n;
        while ((n = ch.read(buf, pos)) > 0) {
            pos += n;
            buf.flip();
            digest.update(buf);
            buf.clear();
        }
        return ContentHashes.format(digest);
    }
}

package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.factory.DefaultV1ValuesWriterFactory;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.schema.MessageType;

/**
 * Everything needed to encode batches of one lake schema into Parquet: the Parquet schema, the
 * encoding properties and the codecs. Immutable and shared: several threads may each encode their
 * own {@link ParquetRowGroup} from one format, and the row groups go into one file in order.
 */
public final class ParquetFormat {
    private final LakeSchema schema;
    private final MessageType messageType;
    private final ParquetWriteOptions options;
    private final ParquetProperties properties;
    private final CompressionCodecFactory codecs;

    private final Set<String> plainColumns;
    private final Map<String, Integer> fieldIds;

    /**
     * Formats built before, by everything that defines them: building one converts the schema to
     * Parquet's and sets up the encoding properties, a fixed cost of every file that a small commit
     * (one file of 100 rows) notices (ADR 0052). Formats are immutable; cleared when full.
     */
    private static final ConcurrentHashMap<Key, ParquetFormat> BUILT = new ConcurrentHashMap<>();

    private static final int MAX_BUILT = 128;

    private record Key(
            LakeSchema schema, ParquetWriteOptions options, Set<String> plainColumns, Map<String, Integer> fieldIds) {}

    /**
     * The format for {@code schema} with {@code fieldIds}, as {@link #ParquetFormat(LakeSchema,
     * ParquetWriteOptions, Map)} builds it, shared with earlier callers that asked for the same.
     */
    public static ParquetFormat of(LakeSchema schema, ParquetWriteOptions options, Map<String, Integer> fieldIds) {
        return built(schema, options, Set.of(), fieldIds);
    }

    private static ParquetFormat built(
            LakeSchema schema, ParquetWriteOptions options, Set<String> plainColumns, Map<String, Integer> fieldIds) {
        Key key = new Key(schema, options, Set.copyOf(plainColumns), Map.copyOf(fieldIds));
        ParquetFormat format = BUILT.get(key);
        if (format == null) {
            format = new ParquetFormat(schema, options, key.plainColumns(), key.fieldIds());
            if (BUILT.size() >= MAX_BUILT) {
                BUILT.clear();
            }
            BUILT.put(key, format);
        }
        return format;
    }

    /** A format writing no field ids. */
    public ParquetFormat(LakeSchema schema, ParquetWriteOptions options) {
        this(schema, options, Map.of());
    }

    /**
     * A format writing the given field ids into the Parquet schema (ADR 0039; see {@link
     * io.lakehub.catalog.schema.FieldIds#forFile}): set once per file schema, no work per row.
     */
    public ParquetFormat(LakeSchema schema, ParquetWriteOptions options, Map<String, Integer> fieldIds) {
        this(schema, options, Set.of(), fieldIds);
    }

    private ParquetFormat(
            LakeSchema schema, ParquetWriteOptions options, Set<String> plainColumns, Map<String, Integer> fieldIds) {
        this.schema = schema;
        this.fieldIds = Map.copyOf(fieldIds);
        this.messageType = ParquetSchemas.toParquet(schema, this.fieldIds);
        this.options = options;
        this.plainColumns = Set.copyOf(plainColumns);
        this.codecs = new HadoopFreeCodecFactory(options.zstdLevel());
        ParquetProperties.Builder b = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                // A factory of this format's own: parquet-java's default is one static instance that
                // every build() re-initialises with the newest properties, so a format built earlier
                // (cached, or another ingest's) would encode with another format's dictionary
                // choices (ADR 0052).
                .withValuesWriterFactory(new DefaultV1ValuesWriterFactory())
                .withPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .withDictionaryPageSize(options.dictionaryPageBytes())
                .withAllocator(HeapByteBufferAllocator.getInstance())
                // Size statistics (per-page byte and level histograms) cost work per value and no
                // reader of ours uses them; min/max/null statistics stay on.
                .withSizeStatisticsEnabled(false);
        for (LakeField f : schema.fields()) {
            if (this.plainColumns.contains(f.name())) {
                b.withDictionaryEncoding(ParquetSchemas.leafPath(f), false);
            }
        }
        this.properties = b.build();
    }

    /**
     * This format, with dictionary encoding turned off for the columns that are nearly unique in
     * {@code sample} (ids, amounts, timestamps, free text): parquet-java would build their
     * dictionary for a whole first page only to drop it as not paying, which costs time and nothing
     * else. Low-cardinality columns keep their dictionary.
     */
    public ParquetFormat tunedFor(VectorSchemaRoot sample) {
        if (!options.dictionary()) {
            return this;
        }
        Set<String> plain = new HashSet<>();
        for (int i = 0; i < schema.size(); i++) {
            if (DictionaryHeuristic.nearlyUnique(sample.getVector(i), sample.getRowCount())) {
                plain.add(schema.fields().get(i).name());
            }
        }
        return plain.isEmpty() ? this : built(schema, options, plain, fieldIds);
    }

    /** Columns written without a dictionary. */
    public Set<String> plainColumns() {
        return plainColumns;
    }

    public LakeSchema schema() {
        return schema;
    }

    public ParquetWriteOptions options() {
        return options;
    }

    MessageType messageType() {
        return messageType;
    }

    ParquetProperties properties() {
        return properties;
    }

    CompressionCodecFactory codecs() {
        return codecs;
    }

    /** A new, empty row group to fill on the calling thread. */
    public ParquetRowGroup newRowGroup() {
        return new ParquetRowGroup(this);
    }
}

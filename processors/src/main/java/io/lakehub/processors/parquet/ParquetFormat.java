package io.lakehub.processors.parquet;

import io.lakehub.catalog.schema.LakeSchema;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ParquetProperties;
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

    public ParquetFormat(LakeSchema schema, ParquetWriteOptions options) {
        this.schema = schema;
        this.messageType = ParquetSchemas.toParquet(schema);
        this.options = options;
        this.codecs = new HadoopFreeCodecFactory(options.zstdLevel());
        this.properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
                .withPageSize(options.pageBytes())
                .withDictionaryEncoding(options.dictionary())
                .withDictionaryPageSize(options.dictionaryPageBytes())
                .withAllocator(HeapByteBufferAllocator.getInstance())
                // Size statistics (per-page byte and level histograms) cost work per value and no
                // reader of ours uses them; min/max/null statistics stay on.
                .withSizeStatisticsEnabled(false)
                .build();
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

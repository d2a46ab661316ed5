package io.lakehub.processors.parquet;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Page compression of the files the hub writes. ZSTD is the default: smaller than SNAPPY, still fast. */
public enum ParquetCodec {
    ZSTD(CompressionCodecName.ZSTD),
    SNAPPY(CompressionCodecName.SNAPPY),
    UNCOMPRESSED(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName parquetName;

    ParquetCodec(CompressionCodecName parquetName) {
        this.parquetName = parquetName;
    }

    CompressionCodecName parquetName() {
        return parquetName;
    }
}

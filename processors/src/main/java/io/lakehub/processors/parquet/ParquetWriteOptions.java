package io.lakehub.processors.parquet;

/**
 * How Parquet files are laid out.
 *
 * @param codec page compression
 * @param zstdLevel ZSTD level (1..19); 3 is ZSTD's own default balance of speed and size
 * @param rowGroupBytes a row group is closed once its encoded, compressed size reaches this
 * @param rowGroupRows ... or once it holds this many rows, whichever comes first
 * @param pageBytes target size of a data page before compression
 * @param dictionary dictionary-encode columns (parquet-java falls back to plain encoding per
 *     column chunk when the dictionary grows past {@code dictionaryPageBytes} or does not pay)
 * @param dictionaryPageBytes largest dictionary per column chunk
 */
public record ParquetWriteOptions(
        ParquetCodec codec,
        int zstdLevel,
        long rowGroupBytes,
        int rowGroupRows,
        int pageBytes,
        boolean dictionary,
        int dictionaryPageBytes) {

    public ParquetWriteOptions {
        if (codec == null) {
            throw new IllegalArgumentException("codec is required");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be 1..22, was " + zstdLevel);
        }
        if (rowGroupBytes <= 0 || rowGroupRows <= 0 || pageBytes <= 0 || dictionaryPageBytes <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    /** ZSTD level 3, row groups of 128 MiB or 131,072 rows, 1 MiB pages, dictionary encoding. */
    public static ParquetWriteOptions defaults() {
        return new ParquetWriteOptions(
                ParquetCodec.ZSTD, 3, 128L * 1024 * 1024, 131_072, 1024 * 1024, true, 1024 * 1024);
    }

    public ParquetWriteOptions withCodec(ParquetCodec c) {
        return new ParquetWriteOptions(
                c, zstdLevel, rowGroupBytes, rowGroupRows, pageBytes, dictionary, dictionaryPageBytes);
    }

    public ParquetWriteOptions withRowGroupRows(int rows) {
        return new ParquetWriteOptions(
                codec, zstdLevel, rowGroupBytes, rows, pageBytes, dictionary, dictionaryPageBytes);
    }

    public ParquetWriteOptions withRowGroupBytes(long bytes) {
        return new ParquetWriteOptions(
                codec, zstdLevel, bytes, rowGroupRows, pageBytes, dictionary, dictionaryPageBytes);
    }
}

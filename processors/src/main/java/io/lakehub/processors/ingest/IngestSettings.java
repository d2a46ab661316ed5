package io.lakehub.processors.ingest;

import io.lakehub.processors.parquet.ParquetWriteOptions;

/**
 * How the {@link Ingestor} works.
 *
 * @param batchRows rows per Arrow batch; {@code 0}: the reader's choice (sized from the row width).
 *     A request's {@link io.lakehub.processors.read.ReadOptions#batchRows()} wins over this.
 * @param writerThreads threads encoding and compressing Parquet row groups while the calling thread
 *     parses; row groups are encoded in parallel and still written in source order
 * @param targetFileSizeBytes a data file is closed and a new one started once it reaches this size
 * @param maxRestarts how often one ingest may re-read its source to widen a column whose later
 *     values do not fit the sampled type
 * @param parquet file layout and compression
 */
public record IngestSettings(
        int batchRows, int writerThreads, long targetFileSizeBytes, int maxRestarts, ParquetWriteOptions parquet) {

    public IngestSettings {
        if (batchRows < 0 || writerThreads < 1 || targetFileSizeBytes < 1 || maxRestarts < 0 || parquet == null) {
            throw new IllegalArgumentException("invalid ingest settings: batchRows >= 0, writerThreads >= 1,"
                    + " targetFileSizeBytes >= 1, maxRestarts >= 0 and parquet options are required");
        }
    }

    /**
     * Reader-chosen batches; one writer thread per core (at most four) besides the parsing thread,
     * which is usually waiting on them or they on it, so the cores stay busy whichever side is
     * slower; 256 MiB files; up to 8 widening restarts; {@link ParquetWriteOptions#defaults()}.
     */
    public static IngestSettings defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new IngestSettings(
                0, Math.max(1, Math.min(4, cores)), 256L * 1024 * 1024, 8, ParquetWriteOptions.defaults());
    }

    public IngestSettings withWriterThreads(int n) {
        return new IngestSettings(batchRows, n, targetFileSizeBytes, maxRestarts, parquet);
    }

    public IngestSettings withTargetFileSizeBytes(long bytes) {
        return new IngestSettings(batchRows, writerThreads, bytes, maxRestarts, parquet);
    }

    public IngestSettings withParquet(ParquetWriteOptions options) {
        return new IngestSettings(batchRows, writerThreads, targetFileSizeBytes, maxRestarts, options);
    }

    public IngestSettings withBatchRows(int rows) {
        return new IngestSettings(rows, writerThreads, targetFileSizeBytes, maxRestarts, parquet);
    }
}

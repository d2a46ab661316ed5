package io.lakehub.processors.chain;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.batch.ArrowSchemas;
import io.lakehub.processors.parquet.ParquetFormat;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The end of the chain: writes the batches leaving the steps as Parquet files under the dataset's
 * folder (several writer threads, source order kept, files rolled by size) and commits them. One
 * sink per ingest attempt.
 *
 * <p>Until {@link #commit} hands the files to the catalog, {@link #close()} deletes every file the
 * sink wrote, so a refused or failed ingest leaves nothing in the lake. From {@link #commit} on the
 * catalog owns them: it deletes them when the commit certainly failed and keeps them when it cannot
 * tell whether the commit landed (the orphan sweep removes them if it did not).
 */
public final class ParquetSink implements AutoCloseable {
    private final Catalog catalog;
    private final LakeSchema fileSchema;
    private final IngestPipeline pipeline;
    /** Names the sinks' allocators apart (a counter: a random UUID per commit costs the secure random). */
    private static final java.util.concurrent.atomic.AtomicLong SINKS = new java.util.concurrent.atomic.AtomicLong();

    private boolean written;

    /**
     * @param fileSchema the schema of the batches the sink receives (the chain's output) and of the
     *     files it writes
     * @param batchRows rows per batch the source fills, to size the pool of batches in flight
     * @param allocator the sink takes a child allocator of it and closes that on {@link #close()}
     */
    public ParquetSink(
            Catalog catalog,
            DatasetName dataset,
            LakeSchema fileSchema,
            ParquetWriteOptions parquet,
            long targetFileBytes,
            int writerThreads,
            int batchRows,
            BufferAllocator allocator) {
        this(
                catalog,
                dataset,
                catalog.dataset(dataset).map(DatasetInfo::schema).orElse(null),
                fileSchema,
                parquet,
                targetFileBytes,
                writerThreads,
                batchRows,
                allocator);
    }

    /**
     * A sink for a caller that has just read the dataset's schema: the same, without reading it
     * from the catalog again (one catalog round trip less per commit, ADR 0052).
     *
     * @param datasetSchema the dataset's current schema, {@code null} for a new dataset: the
     *     source of the files' field ids (ADR 0039)
     */
    public ParquetSink(
            Catalog catalog,
            DatasetName dataset,
            LakeSchema datasetSchema,
            LakeSchema fileSchema,
            ParquetWriteOptions parquet,
            long targetFileBytes,
            int writerThreads,
            int batchRows,
            BufferAllocator allocator) {
        this.catalog = catalog;
        this.fileSchema = fileSchema;
        this.pipeline = new IngestPipeline(
                // Stable field ids (ADR 0039): the dataset's, looked up once per sink, none per row.
                ParquetFormat.of(fileSchema, parquet, FieldIds.forFile(datasetSchema, fileSchema)),
                ArrowSchemas.toArrow(fileSchema),
                catalog.lakeRoot(),
                catalog.datasetDir(dataset),
                targetFileBytes,
                writerThreads,
                poolSize(parquet, writerThreads, batchRows),
                allocator.newChildAllocator("parquet-sink-" + SINKS.incrementAndGet(), 0, Long.MAX_VALUE));
    }

    /** Batches in flight: enough for every writer to hold a row group's worth while the source fills more. */
    static int poolSize(ParquetWriteOptions parquet, int writerThreads, int batchRows) {
        int rows = Math.max(1, batchRows);
        long perGroup = Math.max(1, (parquet.rowGroupRows() + rows - 1) / rows);
        long size = writerThreads * Math.min(perGroup, 4) + 2;
        return (int) Math.min(size, 16);
    }

    /** The schema of the files written. */
    public LakeSchema fileSchema() {
        return fileSchema;
    }

    /**
     * Drains {@code source} through {@code steps} into Parquet files.
     *
     * @param sourceSchema the schema of the source's batches (after {@link BatchSource#readAs})
     * @return the finished files in source order; empty when no row reached the sink
     * @throws RuntimeException whatever the source, a step or a writer threw; nothing is committed
     */
    public List<NewDataFile> write(BatchSource source, StepChain steps, LakeSchema sourceSchema)
            throws InterruptedException {
        if (written) {
            throw new IllegalStateException("a sink writes once");
        }
        written = true;
        return pipeline.run(source, steps, ArrowSchemas.toArrow(sourceSchema));
    }

    /**
     * After {@link #write} returned no file: one Parquet file with the sink's schema and no rows, for
     * a commit that creates a dataset from a source without rows (so SQL can read its columns).
     */
    public NewDataFile writeEmptyFile() {
        if (!written) {
            throw new IllegalStateException("write() first");
        }
        return pipeline.emptyFile();
    }

    /**
     * Commits {@code request} (which references the files {@link #write} returned), handing the files
     * to the catalog first.
     */
    public Snapshot commit(CommitRequest request) {
        pipeline.committed();
        return catalog.commit(request);
    }

    /**
     * Hands the files to the catalog without committing here: they belong to the companion of
     * another sink's commit ({@link CommitRequest#companion()}), which is about to be attempted.
     */
    public void handOver() {
        pipeline.committed();
    }

    /** Stops the writers, deletes the files unless {@link #commit} was called, frees the batches. */
    @Override
    public void close() {
        pipeline.close();
    }
}

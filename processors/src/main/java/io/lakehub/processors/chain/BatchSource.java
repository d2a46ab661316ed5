package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeSchema;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The first link of the processor chain: something that produces Arrow batches and a position to
 * commit with them. Files, database pollers and (later) Kafka, webhooks and change data capture are
 * sources. Lifecycle, as in Spring Batch's item readers: {@link #open()} (connects, declares or
 * infers the schema), optionally {@link #readAs(LakeSchema)} to produce wider dataset types, then
 * {@link #next(VectorSchemaRoot)} until it returns false, then {@link #close()}. Streaming: memory
 * is bounded by the batch size, never by the source. Not thread-safe; one thread drives it.
 *
 * <p>Restartable: {@link #position()} is what the sink commits in the same catalog transaction as
 * the data ({@code CommitRequest.properties}); a source opened again after a crash or a restart
 * resumes from the last committed position, so it never skips and never writes twice.
 */
public interface BatchSource extends AutoCloseable {

    /** Opens the source and determines the schema of its batches. */
    void open();

    /** The schema batches will have (after {@link #open()}). */
    LakeSchema schema();

    /**
     * Produce these types instead of the declared ones. Same column names in the same order; each
     * type is the declared one or wider (e.g. BIGINT where INT was inferred, STRING for any).
     */
    void readAs(LakeSchema target);

    /**
     * Clears {@code batch} (created from {@link #schema()} by the caller, via {@link
     * io.lakehub.processors.batch.ArrowSchemas#toArrow}) and fills it with up to {@link
     * #batchRows()} rows. When the ingest has steps, the previous batch's buffers may have been moved
     * on to the writers: its vectors are then empty (no capacity) and must be allocated again.
     *
     * @return false when the source is exhausted and {@code batch} holds no rows
     */
    boolean next(VectorSchemaRoot batch);

    /** Rows per batch this source fills. */
    int batchRows();

    /** Rows returned so far. */
    long rowsRead();

    /**
     * The position reached, as snapshot properties committed atomically with the data (for a file
     * its content hash, for a database poller its cursor). Complete once {@link #next} returned
     * false; empty for a source that has no position.
     */
    Map<String, String> position();

    /**
     * The committed positions this source read from, which the catalog must still hold when the
     * commit lands ({@code CommitRequest.expectedPositions}; {@code ""}: none committed yet), else
     * the commit is refused with {@code PositionConflictException} and nothing is written. A Kafka
     * source whose partition moved to another hub mid-batch thereby never lands its records twice.
     * Empty (the default): no check.
     */
    default Map<String, String> expectedPositions() {
        return Map.of();
    }

    /**
     * What the source learnt while reading that a user may want to know later (detected charset,
     * dialect, lines skipped before the header, comment lines, bad rows), committed with the
     * snapshot as properties next to {@link #position()}. Keys start with {@code read.}; values are
     * facts about the source, never its data. Complete once {@code next} returned false.
     */
    default Map<String, String> facts() {
        return Map.of();
    }

    @Override
    void close();
}

package io.lakehub.processors.chain;

import io.lakehub.catalog.schema.LakeSchema;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A link of the processor chain between the {@link BatchSource} and the sink: it sees every batch
 * before it is written and may change values, add or drop columns, or drop rows. Steps are
 * declared per pipeline ({@code steps:} in the pipeline YAML) and run in declaration order on the
 * thread that reads the source, between {@link BatchSource#next} and the hand-off to the Parquet
 * writers; so a step needs no locking, and a slow step slows the reading, never the writing.
 *
 * <p>Lifecycle, once per ingest (a step instance is never reused across ingests; when an ingest
 * re-reads its source with widened types, fresh instances are made):
 *
 * <ol>
 *   <li>{@link #prepare} with the schema of the batches it will receive; it returns the schema of
 *       the batches it passes on. A step that cannot work on that input (a column it needs is
 *       missing) throws {@link StepRefusedException}: the source is refused, nothing is written.
 *   <li>{@link #apply} for every batch, in source order.
 *   <li>{@link #finish} after the last batch, before the commit: its {@link StepReport} is recorded
 *       in the commit's audit event and in the snapshot's properties under {@code
 *       step.<name>.<key>}, in the same catalog transaction as the data.
 *   <li>{@link #close}, always, also after a failure.
 * </ol>
 *
 * <p>Implementations: the built-in {@link DropColumnsStep} and {@link RenameColumnsStep}; any Java
 * class with a public no-argument constructor ({@code class:} in the YAML, options through {@link
 * StepContext#options()}); a Camel {@code Processor} bean ({@code processor:}, adapted in the routes
 * module). A step must not keep references to a batch after {@link #apply} returned: the chain
 * moves its buffers to the writers.
 */
public interface Step extends AutoCloseable {

    /**
     * Called once before the first batch.
     *
     * @param ctx the dataset, pipeline, this step's name and options, and an allocator for batches the
     *     step creates
     * @param input the schema of the batches {@link #apply} will receive (the source's, or the
     *     previous step's output)
     * @return the schema of the batches {@link #apply} returns: same order of columns as the returned
     *     batch's vectors, with their types
     * @throws StepRefusedException when this step cannot process such batches (names the column)
     */
    LakeSchema prepare(StepContext ctx, LakeSchema input);

    /**
     * Processes one batch. May mutate {@code batch} in place and return it, or return a batch the
     * step owns (created with {@link StepContext#allocator()}, or a new {@link VectorSchemaRoot}
     * over a subset of {@code batch}'s vectors), which the chain treats as read-only afterwards and
     * empties when moving it on. The returned batch has the schema {@link #prepare} declared; it may
     * have fewer rows than {@code batch}, or none (the chain then skips it).
     *
     * @throws StepRefusedException when a value cannot be processed: the source is refused and
     *     nothing is written
     */
    VectorSchemaRoot apply(VectorSchemaRoot batch);

    /** Findings after the last batch (e.g. counts); {@link StepReport#none()} when there are none. */
    StepReport finish();

    /** Releases what the step holds (batches it created); called once, also after a failure. */
    @Override
    default void close() {}
}

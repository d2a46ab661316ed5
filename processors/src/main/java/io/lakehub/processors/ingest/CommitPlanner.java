package io.lakehub.processors.ingest;

import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.schema.LakeSchema;

/**
 * The one place where an ingest's written files become a catalog {@link CommitRequest}: the seam
 * between the chain's sink and the write modes. {@link #append()} commits every {@link
 * IngestMode#APPEND} ingest as an {@code APPEND} snapshot and refuses {@link IngestMode#UPSERT}; an
 * upsert-capable planner (merge-on-read) is given to the {@link Ingestor} instead and handles both.
 *
 * <p>Whatever the planner returns is committed in one catalog transaction; {@link
 * CommitDraft#properties()} (the source's position, the request's snapshot properties and the steps'
 * reports) must reach {@link CommitRequest#properties()} unchanged so that a restarted source resumes
 * from exactly what was committed.
 */
public interface CommitPlanner {

    /**
     * Called before the source is read (after the steps declared their output): refuse a request this
     * planner cannot commit, so that nothing is written for it. The default accepts everything.
     *
     * @param output the schema of the batches the sink will write
     * @throws IngestRefusedException the one-line reason, naming the key or column
     */
    default void check(IngestRequest request, LakeSchema output) {}

    /** The catalog request that commits {@code draft}'s files. */
    CommitRequest commitRequest(CommitDraft draft);

    /** Appends only: {@link IngestMode#UPSERT} is refused (by {@link #check}) before anything is read. */
    static CommitPlanner append() {
        return AppendCommitPlanner.INSTANCE;
    }
}

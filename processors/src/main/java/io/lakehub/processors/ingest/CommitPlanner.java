package io.lakehub.processors.ingest;

import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.schema.LakeSchema;
import java.util.List;
import java.util.Optional;

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

    /**
     * {@link #check(IngestRequest, LakeSchema)} for a caller that has just read the dataset from the
     * catalog: a planner that needs it uses {@code dataset} instead of reading it again (one catalog
     * round trip less per commit, ADR 0052). The default ignores it.
     *
     * @param dataset the dataset as the caller read it before writing, empty when it does not exist
     */
    default void check(IngestRequest request, LakeSchema output, Optional<DatasetInfo> dataset) {
        check(request, output);
    }

    /** The catalog request that commits {@code draft}'s files. */
    CommitRequest commitRequest(CommitDraft draft);

    /**
     * Steps this planner needs at the end of the request's chain, after the declared ones (the
     * upsert planner adds the hidden columns of ADR 0009). None by default.
     */
    default List<io.lakehub.processors.chain.StepDefinition> internalSteps(IngestRequest request) {
        return List.of();
    }

    /**
     * The catalog refused {@code refused} because it was planned against a snapshot that is no longer
     * current; its files are still in place. Returns a request planned anew (same data files), or
     * throws after deleting the files when giving up. The default gives up: only merges and replaces
     * are planned against a snapshot.
     *
     * @param attempt how many plans were refused so far (1 on the first call)
     */
    default CommitRequest replan(
            CommitDraft draft,
            CommitRequest refused,
            io.lakehub.catalog.commit.StaleParentException conflict,
            int attempt) {
        throw conflict;
    }

    /** Appends only: {@link IngestMode#UPSERT} is refused (by {@link #check}) before anything is read. */
    static CommitPlanner append() {
        return AppendCommitPlanner.INSTANCE;
    }
}

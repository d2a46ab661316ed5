package io.lakehub.catalog;

import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.commit.ChangeFeed;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lakehouse catalog. Thread-safe; one instance per process. Several processes (hubs, CLI) may
 * share one catalog database: commits are serialised by the database, never by this JVM.
 */
public interface Catalog extends AutoCloseable {

    /** Root folder of the Parquet files; a data file's relative path resolves against it. */
    Path lakeRoot();

    /** {@code <lakeRoot>/<dataset>}; created on demand by writers. */
    Path datasetDir(DatasetName dataset);

    List<DatasetInfo> datasets();

    Optional<DatasetInfo> dataset(DatasetName dataset);

    /** Newest first. */
    List<Snapshot> snapshots(DatasetName dataset);

    List<SchemaVersion> schemaVersions(DatasetName dataset);

    /** Newest first. */
    List<LineageRecord> lineage(DatasetName dataset);

    /**
     * The PII scan's newest result for each column of the dataset (over all its schema versions),
     * newest first, as the commits that scanned its data recorded them (ADR 0037); empty when none
     * did or the dataset is unknown.
     */
    default List<io.lakehub.catalog.commit.ColumnClassification> columnClassifications(DatasetName dataset) {
        return List.of();
    }

    /**
     * Files live in the dataset's current snapshot (empty if the dataset has none): data files and,
     * in an upsert dataset, delete-marker files ({@link DataFile#content()}).
     */
    List<DataFile> liveFiles(DatasetName dataset);

    /**
     * What the dataset's commits in {@code (after, upTo]} changed (ADR 0054): their snapshots, the files
     * they added that are still live in {@code upTo}, and how many earlier files they removed. Empty when
     * this catalog cannot tell (the caller then reads {@link #snapshots} and {@link #liveFiles}), when the
     * dataset is unknown or when {@code after} is not one of its snapshots.
     */
    default Optional<io.lakehub.catalog.commit.DatasetChanges> changesBetween(
            DatasetName dataset, long after, long upTo) {
        return Optional.empty();
    }

    /**
     * The fingerprint of the files live in snapshot {@code snapshotId} of the dataset, computed by the
     * catalog database without reading the files (ADR 0054); empty when this catalog cannot tell.
     */
    default Optional<io.lakehub.catalog.commit.FilesFingerprint> filesFingerprint(
            DatasetName dataset, long snapshotId) {
        return Optional.empty();
    }

    /** Current snapshot id per dataset; cheap, used by the query engine to refresh views. */
    Map<String, Long> currentSnapshotIds();

    /** The lineage of an earlier commit of exactly these source bytes into this dataset, if any. */
    Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash);

    /**
     * Records the request's files, a new snapshot, the schema version if it changed, lineage and an
     * audit event, all in one transaction. Appends are rebased automatically when another writer
     * committed first. On any failure nothing is recorded, the added files are deleted, and the
     * exception says so.
     */
    Snapshot commit(CommitRequest request);

    /**
     * Drops a dataset: deletes its catalog rows (snapshots, files, schema versions, lineage, the
     * dataset) and appends a {@code dataset.drop} audit event, all in one transaction, then deletes
     * the data files it recorded. A file that cannot be deleted is left to the orphan sweep (no
     * snapshot references it any more). The name can be used again at once; a new dataset of that
     * name starts from an empty history. Irreversible.
     *
     * @param actor recorded in the audit event, 1 to 200 characters
     * @return what was dropped, or empty when the catalog knows no such dataset (nothing changed)
     */
    Optional<DroppedDataset> drop(DatasetName dataset, String actor);

    AuditJournal audit();

    /** The user views kept in this catalog (ADR 0030). */
    default io.lakehub.catalog.views.ViewStore views() {
        throw new UnsupportedOperationException("This catalog keeps no user views");
    }

    /** The vector indexes registered in this catalog (ADR 0038). */
    default io.lakehub.catalog.vectors.VectorIndexStore vectorIndexes() {
        throw new UnsupportedOperationException("This catalog keeps no vector indexes");
    }

    /** The search profiles kept in this catalog (ADR 0041). */
    default io.lakehub.catalog.profiles.ProfileStore searchProfiles() {
        throw new UnsupportedOperationException("This catalog keeps no search profiles");
    }

    /** The autotune journal of the vector indexes: evaluation sets, trials, promotions (ADR 0041). */
    default io.lakehub.catalog.vectors.TuningJournal tuningJournal() {
        throw new UnsupportedOperationException("This catalog keeps no autotune journal");
    }

    /**
     * The newest committed value of snapshot property {@code key} in {@code dataset}: how a source
     * (a database poller's cursor, later Kafka offsets) finds where it stopped. The value was
     * committed in the same transaction as the data it describes, so resuming from it never skips
     * and never writes twice. Cheap: one indexed row, maintained by each commit.
     *
     * @return empty when no snapshot of the dataset carried the property (or no such dataset)
     */
    Optional<String> sourcePosition(DatasetName dataset, String key);

    /**
     * Which of {@code keys} the catalog remembers for {@code dataset} in {@code scope} (committed with
     * {@link io.lakehub.catalog.commit.CommitRequest#idempotency()}, window not yet over), with the
     * snapshot and event count of their first commit. One indexed query. A catalog that does not
     * remember keys (a test double) finds none; commits still refuse duplicates where it does.
     */
    default Map<String, io.lakehub.catalog.commit.IdempotencyKeys.Remembered> rememberedKeys(
            DatasetName dataset, String scope, java.util.Collection<String> keys) {
        return Map.of();
    }

    /** The change feed: listeners hear each snapshot committed through this catalog, after its transaction. */
    ChangeFeed changes();

    /**
     * Deletes files under the lake that no snapshot references and that are older than {@code
     * grace} (younger ones may belong to a commit in flight in another process), and temp files
     * left by a crashed writer. Returns how many files were deleted.
     */
    int sweepOrphans(Duration grace);

    /**
     * {@link #sweepOrphans(Duration)}, telling {@code progress} how many files it has to check once
     * it has listed the lake, then each file as it is checked. A catalog that cannot tell (the
     * default) sweeps without reporting.
     */
    default int sweepOrphans(Duration grace, SweepProgress progress) {
        return sweepOrphans(grace);
    }

    /**
     * Hears how far an orphan sweep has got: the hub's maintenance job passes it on to the Jobs
     * page. Called on the sweeping thread; keep it quick.
     */
    interface SweepProgress {
        /** Ignores everything. */
        SweepProgress NONE = new SweepProgress() {
            @Override
            public void listed(long files) {}

            @Override
            public void checked(long files) {}
        };

        /** The lake was listed: this many files are old enough to be checked. */
        void listed(long files);

        /** This many more files were checked (and deleted when orphaned). */
        void checked(long files);
    }

    /**
     * Deletes from the lake the files that a snapshot removed (compaction) more than {@code grace}
     * ago: the current snapshot no longer needs them, and the grace period lets queries that
     * started before the removal finish. The catalog keeps their rows, so history still lists
     * them. Returns how many files were deleted.
     */
    int expireRemovedFiles(Duration grace);

    /**
     * The record of erasures (ADR 0031).
     *
     * @throws UnsupportedOperationException for a catalog that cannot record erasures (test doubles)
     */
    default io.lakehub.catalog.erasure.ErasureLedger erasures() {
        throw new UnsupportedOperationException("This catalog does not record erasures");
    }

    /**
     * The erasures whose files are not rewritten yet, with their values: every view hides their rows
     * (ADR 0031). Empty for a catalog that cannot record erasures.
     */
    default List<io.lakehub.catalog.erasure.PendingErasure> pendingErasures() {
        return List.of();
    }

    @Override
    void close();
}

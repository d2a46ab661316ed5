package io.lakehub.processors.upsert;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.query.MergeOnRead;
import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.IntConsumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites an upsert dataset's live files into one version per key (ADR 0009): reads the rows a
 * query sees through DuckDB (the same merge-on-read SQL as the views), writes them with the lake's
 * Parquet writer in the dataset's current schema (so types and metadata stay the lake's), and
 * commits a {@code REPLACE} that removes every live data and marker file. Queries see the same rows
 * before and after; afterwards the view reads the files without any join.
 *
 * <p>The replace is planned against the snapshot that was read: when an upsert commits meanwhile the
 * catalog refuses it, the new file is deleted and the compaction simply runs again next time. The
 * removed files stay on disk for the grace period (queries that listed them before may still read
 * them) and are deleted by {@link Catalog#expireRemovedFiles}, which {@link #compactAllIfNeeded} calls.
 * Thread-safe; safe to run on any hub of a cluster (only the catalog and the lake are touched).
 *
 * <p>Given an {@link AppendCompactor}, {@link #compactAllIfNeeded} also compacts the small files of
 * append datasets (ADR 0057) in the same run.
 */
public final class Compactor {
    private static final Logger log = LoggerFactory.getLogger(Compactor.class);

    private final Catalog catalog;
    private final ParquetWriteOptions options;
    private final CompactionThresholds thresholds;
    private final AppendCompactor appends;

    /** Compacts upsert datasets only. */
    public Compactor(Catalog catalog, ParquetWriteOptions options, CompactionThresholds thresholds) {
        this(catalog, options, thresholds, null);
    }

    /**
     * Compacts upsert datasets and, with {@code appends} ({@code null}: none), the small files of
     * append datasets.
     */
    public Compactor(
            Catalog catalog, ParquetWriteOptions options, CompactionThresholds thresholds, AppendCompactor appends) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.options = Objects.requireNonNull(options, "options");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.appends = appends;
    }

    /**
     * What one run over every dataset did.
     *
     * @param compacted datasets compacted (upsert datasets rewritten, append datasets with small files
     *     replaced)
     * @param skippedStale datasets whose compaction another commit made useless; tried again next run
     * @param expiredFiles files replaced longer ago than the grace period, deleted by this run
     * @param smallFilesRemoved small files of append datasets this run replaced
     * @param filesWritten files those replaces added
     */
    public record Summary(
            List<String> compacted,
            List<String> skippedStale,
            int expiredFiles,
            int smallFilesRemoved,
            int filesWritten) {

        /** Without append datasets. */
        public Summary(List<String> compacted, List<String> skippedStale, int expiredFiles) {
            this(compacted, skippedStale, expiredFiles, 0, 0);
        }
    }

    /**
     * Compacts every upsert dataset that crossed a threshold (and, with an {@link AppendCompactor},
     * every append dataset with enough small files), then deletes the files compactions removed more
     * than the grace period ago.
     */
    public Summary compactAllIfNeeded() {
        return compactAllIfNeeded(upserts -> {}, () -> {});
    }

    /**
     * {@link #compactAllIfNeeded()}, telling the caller how many datasets it will look at ({@code
     * datasets}, once, first: the upsert datasets, plus the append datasets with an {@link
     * AppendCompactor}) and when it is done with each ({@code datasetDone}): what a maintenance run
     * shows as its progress.
     */
    public Summary compactAllIfNeeded(IntConsumer datasets, Runnable datasetDone) {
        List<DatasetInfo> all = catalog.datasets().stream()
                .filter(d -> d.isUpsert() || appends != null)
                .toList();
        datasets.accept(all.size());
        List<String> compacted = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        int smallFilesRemoved = 0;
        int filesWritten = 0;
        for (DatasetInfo d : all) {
            String name = d.name();
            if (d.isUpsert()) {
                try {
                    if (compactIfNeeded(DatasetName.of(name)).isPresent()) {
                        compacted.add(name);
                    }
                } catch (StaleParentException e) {
                    stale.add(name);
                }
            } else {
                Optional<AppendCompactor.Result> r = appends.compactIfNeeded(DatasetName.of(name));
                if (r.isPresent()) {
                    if (!r.get().replaces().isEmpty()) {
                        compacted.add(name);
                    }
                    if (r.get().postponed()) {
                        stale.add(name);
                    }
                    smallFilesRemoved += r.get().filesRemoved();
                    filesWritten += r.get().filesWritten();
                }
            }
            datasetDone.run();
        }
        int expired = catalog.expireRemovedFiles(thresholds.removedFileGrace());
        return new Summary(compacted, stale, expired, smallFilesRemoved, filesWritten);
    }

    /**
     * Compacts the dataset if it crossed a threshold.
     *
     * @return the replace snapshot, or empty when not needed
     * @throws StaleParentException another writer committed while compacting; nothing changed, try later
     */
    public Optional<Snapshot> compactIfNeeded(DatasetName dataset) {
        Optional<DatasetInfo> info = catalog.dataset(dataset);
        if (info.isEmpty() || !info.get().isUpsert()) {
            return Optional.empty();
        }
        List<DataFile> files = catalog.liveFiles(dataset);
        long markerRows = files.stream()
                .filter(DataFile::isDeleteMarkers)
                .mapToLong(DataFile::rowCount)
                .sum();
        long dataFiles = files.stream().filter(f -> !f.isDeleteMarkers()).count();
        long visible = Math.max(1, info.get().rowCount());
        boolean needed = markerRows >= thresholds.minMarkerRows()
                || (markerRows > 0 && (double) markerRows / visible >= thresholds.minMarkerRatio())
                || dataFiles >= thresholds.minFiles();
        return needed ? compact(dataset) : Optional.empty();
    }

    /**
     * Rewrites the dataset's live files into one file with one row per visible key.
     *
     * @return the replace snapshot, or empty when the dataset is not an upsert dataset, has no files,
     *     or is already one file without markers
     * @throws StaleParentException another writer committed while compacting; nothing changed
     */
    public Optional<Snapshot> compact(DatasetName dataset) {
        Optional<DatasetInfo> read = catalog.dataset(dataset);
        if (read.isEmpty() || !read.get().isUpsert() || read.get().currentSnapshotId() == null) {
            return Optional.empty();
        }
        DatasetInfo info = read.get();
        List<DataFile> files = catalog.liveFiles(dataset);
        Optional<DatasetInfo> after = catalog.dataset(dataset);
        if (after.isEmpty() || !Objects.equals(after.get().currentSnapshotId(), info.currentSnapshotId())) {
            throw new StaleParentException(
                    "Dataset '" + dataset + "' changed while its files were listed; compaction is tried again later",
                    after.map(DatasetInfo::currentSnapshotId).orElse(null));
        }
        boolean markers = files.stream().anyMatch(DataFile::isDeleteMarkers);
        long dataFiles = files.stream().filter(f -> !f.isDeleteMarkers()).count();
        if (dataFiles == 0 || (!markers && dataFiles == 1)) {
            return Optional.empty();
        }
        NewDataFile compacted = rewrite(dataset, info, files);
        List<Long> removed = files.stream().map(DataFile::id).toList();
        List<NewDataFile> added = compacted == null ? List.of() : List.of(compacted);
        try {
            Snapshot s = catalog.commit(
                    CommitRequest.replace(dataset, added, removed, info.currentSnapshotId(), "compaction"));
            log.info(
                    "Compacted dataset {}: {} files ({} with delete markers) into {} rows in one file, snapshot {}",
                    dataset,
                    files.size(),
                    files.stream().filter(DataFile::isDeleteMarkers).count(),
                    compacted == null ? 0 : compacted.rowCount(),
                    s.id());
            return Optional.of(s);
        } catch (StaleParentException e) {
            // The catalog keeps the files of a stale plan; this one is useless now.
            if (compacted != null) {
                try {
                    Files.deleteIfExists(catalog.lakeRoot().resolve(compacted.relativePath()));
                } catch (IOException io) {
                    e.addSuppressed(io);
                    log.warn("Could not delete {}; the orphan sweep will", compacted.relativePath(), io);
                }
            }
            log.info(
                    "Compaction of dataset {} skipped: another commit landed meanwhile; it runs again next time",
                    dataset);
            throw e;
        }
    }

    /** The visible rows in the dataset's schema plus the hidden columns, or {@code null} for none. */
    private NewDataFile rewrite(DatasetName dataset, DatasetInfo info, List<DataFile> files) {
        LakeSchema schema = info.schema();
        List<LakeField> fields = new ArrayList<>(schema.fields());
        fields.add(new LakeField(UpsertColumns.ROW, LakeType.BIGINT, false));
        fields.add(new LakeField(UpsertColumns.DELETED, LakeType.BOOLEAN, false));
        LakeSchema written = new LakeSchema(fields);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                BufferAllocator allocator = new RootAllocator();
                Statement st = duck.createStatement()) {
            List<String> dataPaths = files.stream()
                    .filter(f -> !f.isDeleteMarkers())
                    .map(f -> catalog.lakeRoot().resolve(f.relativePath()).toString())
                    .toList();
            Set<String> fileColumns = MergeOnRead.fileColumns(st, dataPaths);
            String visible = MergeOnRead.visibleRows(
                            catalog.lakeRoot(), info.key(), files, fileColumns.contains(UpsertColumns.DELETED))
                    .orElseThrow();
            StringJoiner typed = new StringJoiner(", ");
            typed.add(MergeOnRead.typedColumns(schema, fileColumns, "v"));
            // One version per key and no markers: the hidden columns carry no information any more.
            typed.add("CAST(0 AS BIGINT) AS " + MergeOnRead.identifier(UpsertColumns.ROW));
            typed.add("false AS " + MergeOnRead.identifier(UpsertColumns.DELETED));
            String query = "SELECT " + DuckDbParquet.selectList(written, "t") + " FROM (SELECT " + typed + " FROM ("
                    + visible + ") AS v) AS t";
            return DuckDbParquet.write(
                    duck,
                    query,
                    written,
                    options,
                    catalog.lakeRoot(),
                    catalog.datasetDir(dataset),
                    allocator,
                    FieldIds.of(schema));
        } catch (SQLException e) {
            throw new LakehubException(
                    "Compacting dataset '" + dataset + "' failed while reading its files (" + e.getMessage()
                            + "); the dataset is unchanged.",
                    e);
        }
    }
}

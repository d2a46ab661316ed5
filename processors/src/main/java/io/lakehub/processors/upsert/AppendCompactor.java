package io.lakehub.processors.upsert;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.CommitConflictException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChanges;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.query.MergeOnRead;
import io.lakehub.catalog.schema.FieldIds;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small-file compaction of append datasets (ADR 0057). Streaming sources commit many small files (a
 * webhook pipeline with group commit: hundreds a second); every query lists and opens each of them.
 * Once a dataset has {@link AppendCompactionThresholds#minSmallFiles} live data files below {@link
 * AppendCompactionThresholds#smallFileBytes}, they are taken in commit order, grouped up to about
 * {@link AppendCompactionThresholds#targetFileBytes}, and each group is read through DuckDB, written by
 * the lake's Parquet writer in the dataset's current schema (older files' columns cast to it, missing
 * ones NULL, as the view does) and committed as a {@code REPLACE} that removes exactly that group's
 * files. The rows are the same multiset (the written row count is checked against the removed files');
 * lineage and source positions are untouched.
 *
 * <p><b>Concurrent commits.</b> Each replace is planned against the snapshot that was current before
 * the files were listed. When the catalog refuses it as stale, the compactor reads what was committed
 * meanwhile ({@link Catalog#changesBetween}): if those are only appends (they never remove a file) and
 * its own earlier replaces, it commits the same file again against the new snapshot, so a concurrent
 * append is neither refused nor lost and the compaction still lands. Anything else (an erasure, another
 * replace) may have changed the rows of the files read: the written file is deleted and the dataset is
 * compacted on a later run. The catalog also checks that every removed file is still live.
 *
 * <p>Thread-safe; safe to run on any hub of a cluster (only the catalog and the lake are touched).
 */
public final class AppendCompactor {
    private static final Logger log = LoggerFactory.getLogger(AppendCompactor.class);

    /** Commits of one replace retried over concurrent appends before it is postponed to the next run. */
    static final int MAX_REBASES = 50;

    private final Catalog catalog;
    private final ParquetWriteOptions options;
    private final AppendCompactionThresholds thresholds;

    public AppendCompactor(Catalog catalog, ParquetWriteOptions options, AppendCompactionThresholds thresholds) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.options = Objects.requireNonNull(options, "options");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /**
     * What one compaction of a dataset did.
     *
     * @param replaces the {@code REPLACE} snapshots committed, oldest first (empty: nothing was needed or
     *     nothing landed)
     * @param filesRemoved small files those snapshots removed
     * @param filesWritten files they added
     * @param postponed a group was not committed because a commit other than an append changed the
     *     dataset meanwhile; the next run tries again
     */
    public record Result(List<Snapshot> replaces, int filesRemoved, int filesWritten, boolean postponed) {
        public Result {
            replaces = List.copyOf(replaces);
        }
    }

    /**
     * Compacts the dataset's small files if it is an append dataset with enough of them.
     *
     * @return what was done, or empty when nothing was needed (not an append dataset, too few small
     *     files, compaction off, or a column type the rewrite cannot write)
     */
    public Optional<Result> compactIfNeeded(DatasetName dataset) {
        if (!thresholds.enabled()) {
            return Optional.empty();
        }
        Optional<DatasetInfo> read = catalog.dataset(dataset);
        if (read.isEmpty() || read.get().isUpsert() || read.get().currentSnapshotId() == null) {
            return Optional.empty();
        }
        DatasetInfo info = read.get();
        if (info.fileCount() < thresholds.minSmallFiles()) {
            // Too few files of any size: no need to list them.
            return Optional.empty();
        }
        LakeSchema schema = info.schema();
        if (schema.fields().stream().anyMatch(f -> f.type() == LakeType.LIST)) {
            log.debug("Dataset {} has a list column; its small files are not compacted", dataset);
            return Optional.empty();
        }
        // Planned against the snapshot current before the listing: anything committed after it is
        // checked before the replace lands (see the class comment).
        long planned = info.currentSnapshotId();
        List<DataFile> live = catalog.liveFiles(dataset);
        if (live.stream().anyMatch(DataFile::isDeleteMarkers)) {
            return Optional.empty();
        }
        List<DataFile> small = live.stream()
                .filter(f -> f.sizeBytes() < thresholds.smallFileBytes())
                .sorted(Comparator.comparingLong(DataFile::addedSnapshotId).thenComparingLong(DataFile::id))
                .toList();
        if (small.size() < thresholds.minSmallFiles()) {
            return Optional.empty();
        }
        List<List<DataFile>> groups = groups(small);
        List<Snapshot> replaces = new ArrayList<>();
        Set<Long> own = new HashSet<>();
        int removed = 0;
        int written = 0;
        long started = System.nanoTime();
        for (List<DataFile> group : groups) {
            NewDataFile file = rewrite(dataset, schema, group);
            Optional<Snapshot> s = commit(dataset, file, group, planned, own);
            if (s.isEmpty()) {
                return Optional.of(new Result(replaces, removed, written, true));
            }
            replaces.add(s.get());
            own.add(s.get().id());
            planned = s.get().id();
            removed += group.size();
            written += file == null ? 0 : 1;
        }
        log.info(
                "Compacted the small files of dataset {}: {} files into {} in {} ms, snapshots {}",
                dataset,
                removed,
                written,
                (System.nanoTime() - started) / 1_000_000,
                replaces.stream().map(Snapshot::id).toList());
        return Optional.of(new Result(replaces, removed, written, false));
    }

    /** Consecutive runs of files up to the target size and the file limit; groups of one file are left. */
    private List<List<DataFile>> groups(List<DataFile> small) {
        List<List<DataFile>> groups = new ArrayList<>();
        List<DataFile> current = new ArrayList<>();
        long bytes = 0;
        for (DataFile f : small) {
            if (!current.isEmpty()
                    && (bytes + f.sizeBytes() > thresholds.targetFileBytes()
                            || current.size() >= thresholds.maxFilesPerRewrite())) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(f);
            bytes += f.sizeBytes();
        }
        groups.add(current);
        groups.removeIf(g -> g.size() < 2);
        return groups;
    }

    /**
     * Commits the replace of {@code group} by {@code file}, rebasing over appends.
     *
     * @return the snapshot, or empty when postponed (the written file is deleted)
     */
    private Optional<Snapshot> commit(
            DatasetName dataset, NewDataFile file, List<DataFile> group, long planned, Set<Long> own) {
        List<Long> ids = group.stream().map(DataFile::id).toList();
        List<NewDataFile> added = file == null ? List.of() : List.of(file);
        long parent = planned;
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(catalog.commit(CommitRequest.replace(dataset, added, ids, parent, "compaction")));
            } catch (StaleParentException e) {
                Long current = e.currentSnapshotId();
                String why = current == null
                        ? "the dataset has no snapshot any more"
                        : onlyAppends(dataset, parent, current, own);
                if (why == null && attempt < MAX_REBASES) {
                    parent = current;
                    continue;
                }
                deleteWritten(file, e);
                log.info(
                        "Compaction of the small files of dataset {} postponed to the next run: {}",
                        dataset,
                        why != null ? why : "appends kept landing first " + attempt + " times");
                return Optional.empty();
            } catch (CommitConflictException e) {
                // The catalog deleted the new file: a removed file is no longer live (another commit
                // removed it). Nothing changed.
                log.info(
                        "Compaction of the small files of dataset {} postponed to the next run: {}",
                        dataset,
                        e.getMessage());
                return Optional.empty();
            }
        }
    }

    /**
     * Why the commits in {@code (after, upTo]} may have changed the files read, or {@code null} when
     * they are only appends and this compactor's own replaces.
     */
    private String onlyAppends(DatasetName dataset, long after, long upTo, Set<Long> own) {
        List<Snapshot> between = catalog.changesBetween(dataset, after, upTo)
                .map(DatasetChanges::snapshots)
                .orElseGet(() -> catalog.snapshots(dataset).stream()
                        .filter(s -> s.id() > after && s.id() <= upTo)
                        .toList());
        if (between.isEmpty()) {
            return "the snapshot it was planned against (" + after + ") is not in the dataset's history any more";
        }
        for (Snapshot s : between) {
            if (!"APPEND".equals(s.operation()) && !own.contains(s.id())) {
                return "snapshot " + s.id() + " (" + s.operation() + ") was committed meanwhile";
            }
        }
        return null;
    }

    private void deleteWritten(NewDataFile file, Exception cause) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(catalog.lakeRoot().resolve(file.relativePath()));
        } catch (IOException io) {
            cause.addSuppressed(io);
            log.warn("Could not delete {}; the orphan sweep will", file.relativePath(), io);
        }
    }

    /** The group's rows in the dataset's schema, in one new file; {@code null} when they hold no row. */
    private NewDataFile rewrite(DatasetName dataset, LakeSchema schema, List<DataFile> group) {
        long expected = group.stream().mapToLong(DataFile::rowCount).sum();
        List<String> paths = group.stream()
                .map(f -> catalog.lakeRoot().resolve(f.relativePath()).toString())
                .toList();
        NewDataFile written;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                BufferAllocator allocator = new RootAllocator();
                Statement st = duck.createStatement()) {
            // The view's own casts: each schema column, NULL where no file holds it.
            String typed = MergeOnRead.typedColumns(schema, MergeOnRead.fileColumns(st, paths), "v");
            String query = "SELECT " + DuckDbParquet.selectList(schema, "t") + " FROM (SELECT " + typed + " FROM "
                    + MergeOnRead.readParquet(paths) + " AS v) AS t";
            written = DuckDbParquet.write(
                    duck,
                    query,
                    schema,
                    options,
                    catalog.lakeRoot(),
                    catalog.datasetDir(dataset),
                    allocator,
                    FieldIds.of(schema));
        } catch (SQLException e) {
            throw new LakehubException(
                    "Compacting the small files of dataset '" + dataset + "' failed while reading them ("
                            + e.getMessage() + "); the dataset is unchanged.",
                    e);
        }
        long rows = written == null ? 0 : written.rowCount();
        if (rows != expected) {
            LakehubException e = new LakehubException("Compacting the small files of dataset '" + dataset
                    + "' wrote " + rows + " rows where the " + group.size() + " files hold " + expected
                    + "; the file is discarded and the dataset is unchanged.");
            deleteWritten(written, e);
            throw e;
        }
        return written;
    }
}

package io.lakehub.catalog.query;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.schema.ColumnNames;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one DuckDB view per dataset pointing at the files of its current snapshot. Views only ever
 * name the files of a committed snapshot, so a query never sees part of a commit. Not thread-safe:
 * the engine refreshes under its lock, except {@link #changed}, which the catalog's change feed
 * calls from committing threads.
 *
 * <p>Two ways to learn of a new snapshot: the change feed ({@link #changed}) reports the commits
 * made through this catalog, and the views of those datasets are rebuilt by the next refresh; the
 * cheap check of every dataset's current snapshot id ({@link Catalog#currentSnapshotIds()}) is the
 * cross-process fallback, run by a refresh at most every {@code checkInterval} (every refresh when
 * zero).
 */
final class LakeViews {

    private static final Logger log = LoggerFactory.getLogger(LakeViews.class);

    /** How often the dataset and its files are re-read when commits keep landing in between. */
    private static final int CONSISTENT_READ_ATTEMPTS = 3;

    private final Catalog catalog;
    private final Path lakeRoot;
    private final Connection connection;

    /** Dataset name to the snapshot id its view shows; absent when the view must be (re)built. */
    private final Map<String, Long> built = new HashMap<>();

    /** Dataset names that have a view (working or failing) in DuckDB. */
    private final Set<String> present = new HashSet<>();

    /** Last snapshot id per dataset that a warning was logged for, so a broken dataset warns once. */
    private final Map<String, Long> warned = new HashMap<>();

    /** Snapshots the change feed reported since the last refresh, by dataset (the newest wins). */
    private final Map<String, Long> reported = new ConcurrentHashMap<>();

    private final long checkIntervalNanos;
    private long lastCheck;
    private volatile boolean checked;

    /** See {@link QuerySettings#mergedRowsLimit()}. */
    private final long mergedRowsLimit;

    /** Datasets whose merged rows are materialised in {@link ViewSql#MERGED_SCHEMA}. */
    private final Set<String> materialised = new HashSet<>();

    LakeViews(Catalog catalog, Path lakeRoot, Connection connection, Duration checkInterval) {
        this(catalog, lakeRoot, connection, checkInterval, 0);
    }

    LakeViews(Catalog catalog, Path lakeRoot, Connection connection, Duration checkInterval, long mergedRowsLimit) {
        this.mergedRowsLimit = mergedRowsLimit;
        this.catalog = catalog;
        this.lakeRoot = lakeRoot;
        this.connection = connection;
        this.checkIntervalNanos = checkInterval.toNanos();
    }

    /** The change feed's listener: {@code dataset} has a new snapshot; the next refresh rebuilds its view. */
    void changed(DatasetChange change) {
        if (DatasetChange.DROP.equals(change.operation())) {
            // A dropped dataset's view must go before its files do: the next query checks everything.
            checked = false;
            return;
        }
        reported.merge(change.dataset(), change.snapshotId(), Math::max);
    }

    /**
     * Rebuilds the views of datasets whose snapshot changed, adds new ones, drops vanished ones:
     * those the change feed reported, and, when the check interval has passed, every dataset.
     */
    void refresh() throws SQLException {
        long now = System.nanoTime();
        if (checked && checkIntervalNanos > 0 && now - lastCheck < checkIntervalNanos) {
            for (String name : new ArrayList<>(reported.keySet())) {
                Long snapshot = reported.remove(name);
                if (!built.containsKey(name) || !Objects.equals(built.get(name), snapshot)) {
                    rebuild(name, snapshot);
                }
            }
            return;
        }
        // The check below sees every reported snapshot too.
        reported.clear();
        Map<String, Long> current = catalog.currentSnapshotIds();
        checked = true;
        lastCheck = now;
        for (String name : new ArrayList<>(present)) {
            if (!current.containsKey(name)) {
                drop(name);
            }
        }
        for (Map.Entry<String, Long> e : current.entrySet()) {
            String name = e.getKey();
            if (!built.containsKey(name) || !Objects.equals(built.get(name), e.getValue())) {
                rebuildContained(name, e.getValue());
            }
        }
    }

    /**
     * Rebuilds one dataset's view so that nothing about this dataset can fail the refresh: whatever
     * goes wrong becomes the dataset's failing stand-in view. Only an unreachable catalog (which
     * concerns every dataset) propagates.
     */
    private void rebuildContained(String name, Long listedSnapshot) {
        try {
            rebuild(name, listedSnapshot);
        } catch (CatalogUnavailableException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            String message = "Dataset " + name + " cannot be queried: its view could not be built ("
                    + (e instanceof SQLException sql ? DuckDbErrors.firstLine(sql) : String.valueOf(e.getMessage()))
                    + ").";
            fail(name, null, listedSnapshot, message, e);
        }
    }

    private void rebuild(String name, Long listedSnapshot) throws SQLException {
        if (!DatasetName.isValid(name)) {
            // The name would become a SQL identifier; an invalid one never reaches DuckDB.
            if (shouldWarn(name, listedSnapshot)) {
                log.warn(
                        "Dataset name {} listed by the catalog is not a valid dataset name; it has no SQL view.", name);
            }
            built.put(name, listedSnapshot);
            return;
        }
        DatasetName dataset = DatasetName.of(name);
        Optional<State> read = readConsistently(dataset);
        if (read.isEmpty()) {
            drop(name);
            return;
        }
        State state = read.get();
        LakeSchema schema = state.info().schema();
        if (schema == null || schema.size() == 0) {
            drop(name);
            built.put(name, listedSnapshot);
            return;
        }
        for (LakeField f : schema.fields()) {
            if (ColumnNames.firstControlCharacter(f.name()) >= 0) {
                // A NUL would end DuckDB's SQL text inside the identifier; no view can name this column.
                fail(
                        name,
                        schema,
                        state.info().currentSnapshotId(),
                        "Dataset " + name + " cannot be queried: its column name '" + f.name()
                                + "' contains a control character, which SQL cannot name (the dataset was written"
                                + " before such names were refused). Drop it (lakehub drop " + name
                                + ") and ingest a corrected file.");
                return;
            }
        }
        List<String> paths = new ArrayList<>(state.files().size());
        // Upsert datasets: data and marker files by the snapshot that added them, oldest first.
        TreeMap<Long, List<String>> dataBySnapshot = new TreeMap<>();
        TreeMap<Long, List<String>> markersBySnapshot = new TreeMap<>();
        for (DataFile file : state.files()) {
            Path path = lakeRoot.resolve(file.relativePath()).normalize();
            if (!path.startsWith(lakeRoot)) {
                fail(
                        name,
                        schema,
                        state.info().currentSnapshotId(),
                        "Dataset " + name + " cannot be queried: its data file " + file.relativePath()
                                + " lies outside the lake.");
                return;
            }
            if (file.isDeleteMarkers()) {
                markersBySnapshot
                        .computeIfAbsent(file.addedSnapshotId(), k -> new ArrayList<>())
                        .add(path.toString());
            } else {
                paths.add(path.toString());
                dataBySnapshot
                        .computeIfAbsent(file.addedSnapshotId(), k -> new ArrayList<>())
                        .add(path.toString());
            }
        }
        boolean materialise = false;
        try (Statement st = connection.createStatement()) {
            Set<String> fileColumns = paths.isEmpty() ? Set.of() : MergeOnRead.fileColumns(st, paths);
            materialise = state.info().isUpsert()
                    && !markersBySnapshot.isEmpty()
                    && state.info().rowCount() <= mergedRowsLimit;
            // Rows of erasures whose files are not rewritten yet are hidden from the view (ADR 0031).
            String erased = erasureFilter(name, schema, fileColumns);
            if (materialise) {
                // Merged once for this snapshot; queries read the table (ADR 0009).
                st.execute(ViewSql.createMergedSchema());
                st.execute(ViewSql.createMergedTable(
                        name, state.info().key(), snapshotGroups(dataBySnapshot, markersBySnapshot), fileColumns));
                materialised.add(name);
                st.execute(filtered(ViewSql.createViewOverMerged(name, schema, fileColumns), erased));
            } else if (state.info().isUpsert()) {
                st.execute(filtered(
                        ViewSql.createUpsertView(
                                name,
                                schema,
                                state.info().key(),
                                snapshotGroups(dataBySnapshot, markersBySnapshot),
                                fileColumns),
                        erased));
            } else {
                st.execute(filtered(ViewSql.createView(name, schema, paths, fileColumns), erased));
            }
        } catch (SQLException e) {
            fail(
                    name,
                    schema,
                    state.info().currentSnapshotId(),
                    "Dataset " + name + " cannot be queried: reading its current files failed ("
                            + DuckDbErrors.firstLine(e) + ").",
                    e);
            return;
        }
        if (!materialise) {
            dropMerged(name);
        }
        present.add(name);
        if (state.consistent()) {
            built.put(name, state.info().currentSnapshotId());
        } else {
            // Commits kept landing between the reads; the view is a committed state, refresh again next time.
            built.remove(name);
        }
        warned.remove(name);
    }

    /** The condition keeping the rows no unfinished erasure hides, or null when none covers the dataset. */
    private String erasureFilter(String name, LakeSchema schema, Set<String> fileColumns) {
        List<io.lakehub.catalog.erasure.PendingErasure> pending = catalog.pendingErasures();
        if (pending.isEmpty()) {
            return null;
        }
        List<io.lakehub.catalog.erasure.ErasureMatch.Column> columns = new ArrayList<>();
        for (LakeField f : schema.fields()) {
            if (fileColumns.contains(f.name().toLowerCase(Locale.ROOT))) {
                columns.add(new io.lakehub.catalog.erasure.ErasureMatch.Column(f.name()));
            }
        }
        return io.lakehub.catalog.erasure.ErasureMatch.keep("src", columns, pending, name)
                .orElse(null);
    }

    /** A view statement reading relation {@code src}, restricted to the rows {@code keep} accepts. */
    private static String filtered(String createView, String keep) {
        if (keep == null || createView.endsWith(" LIMIT 0")) {
            return createView;
        }
        return createView + " WHERE " + keep;
    }

    private static List<ViewSql.SnapshotFiles> snapshotGroups(
            TreeMap<Long, List<String>> data, TreeMap<Long, List<String>> markers) {
        return MergeOnRead.groups(data, markers);
    }

    /**
     * The dataset's info and live files from the same snapshot: the snapshot id is read before and
     * after the files, and snapshot ids only grow, so equal ids mean the files belong to it.
     */
    private Optional<State> readConsistently(DatasetName dataset) {
        State last = null;
        for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
            Optional<DatasetInfo> before = catalog.dataset(dataset);
            if (before.isEmpty()) {
                return Optional.empty();
            }
            List<DataFile> files = catalog.liveFiles(dataset);
            Optional<DatasetInfo> after = catalog.dataset(dataset);
            if (after.isEmpty()) {
                return Optional.empty();
            }
            boolean same =
                    Objects.equals(before.get().currentSnapshotId(), after.get().currentSnapshotId());
            last = new State(before.get(), files, same);
            if (same) {
                break;
            }
        }
        return Optional.of(last);
    }

    private void fail(String name, LakeSchema schema, Long snapshot, String message) {
        fail(name, schema, snapshot, message, null);
    }

    /**
     * Replaces the dataset's view with a stand-in that fails with {@code message} when used. The
     * stand-in has the dataset's columns (names escaped) when {@code schema} is given and that can be
     * built, else a single column; if even that fails the view is dropped, and a query naming the
     * dataset fails as DuckDB reports a missing table. Never throws: the other datasets' views must
     * still be refreshed.
     */
    private void fail(String name, LakeSchema schema, Long snapshot, String message, Exception cause) {
        if (shouldWarn(name, snapshot)) {
            // The message escapes control characters; a name with a NUL must not corrupt the log either.
            if (cause == null) {
                log.warn("{}", ColumnNames.printable(message));
            } else {
                log.warn("{}", ColumnNames.printable(message), cause);
            }
        }
        // Not recorded as built: the next query tries again, e.g. after a missing file is restored.
        built.remove(name);
        List<String> attempts = new ArrayList<>(2);
        if (schema != null && schema.size() > 0) {
            attempts.add(ViewSql.createFailingView(name, schema, message));
        }
        attempts.add(ViewSql.createBareFailingView(name, message));
        SQLException last = null;
        for (String sql : attempts) {
            try (Statement st = connection.createStatement()) {
                st.execute(sql);
                present.add(name);
                return;
            } catch (SQLException e) {
                last = e;
            }
        }
        log.warn("Dataset {} has no SQL view, not even a failing stand-in", name, last);
        try {
            drop(name);
        } catch (SQLException e) {
            log.warn("Could not drop the view of dataset {}", name, e);
        }
    }

    /** True the first time a dataset's snapshot is found broken; records it so it warns once. */
    private boolean shouldWarn(String name, Long snapshot) {
        if (warned.containsKey(name) && Objects.equals(warned.get(name), snapshot)) {
            return false;
        }
        warned.put(name, snapshot);
        return true;
    }

    private void dropMerged(String name) throws SQLException {
        if (materialised.remove(name)) {
            try (Statement st = connection.createStatement()) {
                st.execute(ViewSql.dropMergedTable(name));
            }
        }
    }

    private void drop(String name) throws SQLException {
        if (present.remove(name)) {
            try (Statement st = connection.createStatement()) {
                st.execute(ViewSql.dropView(name));
            }
        }
        dropMerged(name);
        built.remove(name);
        warned.remove(name);
    }

    private record State(DatasetInfo info, List<DataFile> files, boolean consistent) {}
}

package io.lakehub.processors.upsert;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.query.MergeOnRead;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.chain.StepDefinition;
import io.lakehub.processors.ingest.CommitDraft;
import io.lakehub.processors.ingest.CommitPlanner;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits upserts (ADR 0009); appends go through unchanged. For {@link IngestMode#UPSERT} the chain
 * gets {@link UpsertColumnsStep} last, so the data files carry {@code _lakehub_row} and {@code
 * _lakehub_deleted}; after the sink wrote them this planner, with an in-process DuckDB over the
 * dataset's current live files and the new ones:
 *
 * <ol>
 *   <li>refuses a row without a key value, naming the row and key column (nothing is committed);
 *   <li>writes one delete-marker file: for each key of the commit that a query sees now and that
 *       occurs once in the commit, {@code (key, NULL)} (hides the older rows of the key); for each
 *       row that a later row of the same key in the commit supersedes, {@code (key, its
 *       _lakehub_row)} (hides that row and the older rows of the key). So markers stay about as
 *       many as the updates;
 *   <li>when the source compared its keys ({@link CommitDraft#keysCompared()}, ADR 0010), also
 *       writes {@code (key, NULL)} for each key a query sees now that is absent from the source's
 *       keys ({@link CommitDraft#sourceKeys()}) and from this commit's rows; such a commit may have
 *       no data file at all;
 *   <li>counts the keys inserted (not visible before), updated and deleted (visible before, hidden
 *       now, by a deleted row or by the key comparison);
 *   <li>builds a {@code MERGE} request planned against the snapshot it read. When another writer
 *       commits first the catalog refuses it ({@link StaleParentException}) keeping the files; {@link
 *       #replan} deletes the stale marker file and plans again with the same data files.
 * </ol>
 *
 * <p>The schema recorded for the dataset never holds the hidden columns.
 */
public final class UpsertCommitPlanner implements CommitPlanner {
    private static final Logger log = LoggerFactory.getLogger(UpsertCommitPlanner.class);

    /** Planning attempts when other writers keep committing in between. */
    public static final int MAX_ATTEMPTS = 5;

    private final Catalog catalog;
    private final ParquetWriteOptions options;
    private final java.util.function.Function<DatasetName, List<String>> configuredKeys;

    public UpsertCommitPlanner(Catalog catalog, ParquetWriteOptions options) {
        this(catalog, options, dataset -> List.of());
    }

    /**
     * @param configuredKeys per dataset, the key of a dataset configured as an upsert dataset ({@code
     *     lakehub.datasets.<name>.key}): an ingest into it that does not ask for a mode itself (the
     *     inbox, a CLI or HTTP ingest, a pipeline without {@code mode:}) upserts by that key. Empty
     *     (or {@code null}): such ingests append.
     */
    public UpsertCommitPlanner(
            Catalog catalog,
            ParquetWriteOptions options,
            java.util.function.Function<DatasetName, List<String>> configuredKeys) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.options = Objects.requireNonNull(options, "options");
        this.configuredKeys = Objects.requireNonNull(configuredKeys, "configuredKeys");
    }

    /** The request as this planner runs it: an append into a dataset configured for upserts upserts. */
    private IngestRequest effective(IngestRequest request) {
        if (request.mode() != IngestMode.APPEND) {
            return request;
        }
        List<String> key = configuredKeys.apply(request.dataset());
        if (key == null || key.isEmpty()) {
            return request;
        }
        return request.toBuilder().mode(IngestMode.UPSERT).key(key).build();
    }

    @Override
    public List<StepDefinition> internalSteps(IngestRequest given) {
        IngestRequest request = effective(given);
        return request.mode() == IngestMode.UPSERT
                ? List.of(UpsertColumnsStep.definition(request.deletedColumn()))
                : List.of();
    }

    @Override
    public void check(IngestRequest given, LakeSchema output) {
        check(given, output, catalog.dataset(effective(given).dataset()));
    }

    @Override
    public void check(IngestRequest given, LakeSchema output, Optional<DatasetInfo> info) {
        IngestRequest request = effective(given);
        if (request.mode() == IngestMode.APPEND) {
            CommitPlanner.append().check(request, output);
            if (info.isPresent() && info.get().isUpsert()) {
                throw refused("dataset '" + request.dataset() + "' is an upsert dataset keyed by "
                        + info.get().key() + "; write to it with mode upsert and key "
                        + info.get().key()
                        + ". Nothing was written.");
            }
            return;
        }
        List<String> key = request.key();
        if (key.isEmpty()) {
            throw refused("mode upsert into dataset '" + request.dataset() + "' needs a key: the column(s) that"
                    + " identify a row. Nothing was written.");
        }
        for (String k : key) {
            if (output.field(k).isEmpty()) {
                throw refused("the key column '" + k + "' is not a column of the data for dataset '"
                        + request.dataset() + "' (its columns: "
                        + String.join(", ", visible(output).names())
                        + "). Nothing was written.");
            }
        }
        if (info.isPresent() && info.get().currentSnapshotId() != null) {
            DatasetInfo d = info.get();
            if (!d.isUpsert()) {
                throw refused("dataset '" + request.dataset() + "' was created by appends; its rows may repeat any"
                        + " key, so it cannot be upserted by key " + key + ". Upsert into a new dataset. Nothing"
                        + " was written.");
            }
            if (!sameKey(d.key(), key)) {
                throw refused("dataset '" + request.dataset() + "' is an upsert dataset keyed by " + d.key()
                        + "; this upsert uses the key " + key + ". Nothing was written.");
            }
        }
    }

    @Override
    public CommitRequest commitRequest(CommitDraft draft) {
        if (effective(draft.request()).mode() == IngestMode.APPEND) {
            return CommitPlanner.append().commitRequest(draft);
        }
        return plan(draft);
    }

    @Override
    public CommitRequest replan(CommitDraft draft, CommitRequest refused, StaleParentException conflict, int attempt) {
        deleteQuietly(refused.deleteMarkers());
        if (attempt >= MAX_ATTEMPTS) {
            deleteQuietly(refused.added());
            throw new LakehubException(
                    "The upsert into dataset '" + draft.request().dataset() + "' lost to other writers " + attempt
                            + " times in a row and was given up; nothing was committed and its files were deleted."
                            + " The source can be delivered again. Last conflict: " + conflict.getMessage(),
                    conflict);
        }
        log.info(
                "Upsert into dataset {} was planned against an older snapshot; planning again (attempt {})",
                draft.request().dataset(),
                attempt + 1);
        try {
            return plan(draft);
        } catch (RuntimeException e) {
            deleteQuietly(refused.added());
            throw e;
        }
    }

    /** The facts of one plan, for tests and logs. */
    record Plan(Long parent, RowChanges changes, long markers) {}

    private CommitRequest plan(CommitDraft draft) {
        IngestRequest request = effective(draft.request());
        DatasetName dataset = request.dataset();
        Current current = readCurrent(dataset);
        List<String> key =
                current.info.map(DatasetInfo::key).filter(k -> !k.isEmpty()).orElse(request.key());
        LakeSchema fileSchema = draft.fileSchema();
        NewDataFile markers;
        RowChanges changes;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                BufferAllocator allocator = new RootAllocator()) {
            try (Statement st = duck.createStatement()) {
                String keys = columns(key, "");
                Optional<String> visible = current.files.stream().anyMatch(f -> !f.isDeleteMarkers())
                        ? MergeOnRead.visibleRows(catalog.lakeRoot(), key, current.files, true)
                        : Optional.empty();
                if (!draft.files().isEmpty()) {
                    String fresh = MergeOnRead.readParquet(absolute(draft.files()));
                    st.execute("CREATE TEMP TABLE nw AS SELECT " + keys + ", " + id(UpsertColumns.ROW) + ", "
                            + id(UpsertColumns.DELETED) + " FROM " + fresh);
                } else if (visible.isPresent()) {
                    // A key comparison without new rows: only its markers are committed.
                    st.execute("CREATE TEMP TABLE nw AS SELECT " + columns(key, "v.") + ", CAST(NULL AS BIGINT) AS "
                            + id(UpsertColumns.ROW) + ", CAST(NULL AS BOOLEAN) AS " + id(UpsertColumns.DELETED)
                            + " FROM (" + visible.get() + ") AS v LIMIT 0");
                } else {
                    // No new rows and no visible row: nothing to hide; the commit records the comparison.
                    st.execute("CREATE TEMP TABLE nw AS SELECT " + nulls(markerSchema(fileSchema, key))
                            + ", CAST(NULL AS BOOLEAN) AS " + id(UpsertColumns.DELETED) + " LIMIT 0");
                }
                refuseNullKeys(st, key, request);
                st.execute("CREATE TEMP TABLE last AS SELECT " + keys + ", max(" + id(UpsertColumns.ROW) + ") AS r,"
                        + " count(*) AS n, arg_max(" + id(UpsertColumns.DELETED) + ", " + id(UpsertColumns.ROW)
                        + ") AS del FROM nw GROUP BY " + keys);
                // The key comparison: keys a query sees now that the source no longer holds and this
                // commit does not write. Each gets a (key, NULL) marker and counts as deleted.
                if (draft.keysCompared() && visible.isPresent()) {
                    String source = draft.sourceKeys().isEmpty()
                            ? ""
                            : " ANTI JOIN " + MergeOnRead.readParquet(absolute(draft.sourceKeys())) + " AS s ON "
                                    + match(key, "v", "s");
                    st.execute("CREATE TEMP TABLE gone AS SELECT DISTINCT " + columns(key, "v.") + " FROM ("
                            + visible.get() + ") AS v ANTI JOIN last ON " + match(key, "v", "last") + source);
                } else {
                    st.execute("CREATE TEMP TABLE gone AS SELECT " + keys + " FROM last LIMIT 0");
                }
                if (visible.isPresent()) {
                    st.execute("CREATE TEMP TABLE old AS SELECT DISTINCT " + columns(key, "v.") + " FROM ("
                            + visible.get() + ") AS v SEMI JOIN last ON " + match(key, "v", "last"));
                } else {
                    st.execute("CREATE TEMP TABLE old AS SELECT " + keys + " FROM last LIMIT 0");
                }
                try (ResultSet rs = st.executeQuery("SELECT"
                        + " count(*) FILTER (WHERE o.present IS NULL AND NOT l.del),"
                        + " count(*) FILTER (WHERE o.present AND NOT l.del),"
                        + " count(*) FILTER (WHERE o.present AND l.del)"
                        + " FROM last AS l LEFT JOIN (SELECT *, true AS present FROM old) AS o ON "
                        + match(key, "l", "o"))) {
                    rs.next();
                    changes = new RowChanges(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM gone")) {
                    rs.next();
                    long gone = rs.getLong(1);
                    changes = new RowChanges(changes.inserted(), changes.updated(), changes.deleted() + gone);
                }
            }
            LakeSchema markerSchema = markerSchema(fileSchema, key);
            String markerQuery = "SELECT " + DuckDbParquet.selectList(markerSchema, "m") + " FROM ("
                    + "SELECT " + columns(key, "nw.") + ", nw." + id(UpsertColumns.ROW) + " FROM nw JOIN last ON "
                    + match(key, "nw", "last") + " WHERE nw." + id(UpsertColumns.ROW) + " < last.r"
                    + " UNION ALL SELECT " + columns(key, "l.") + ", CAST(NULL AS BIGINT) FROM last AS l"
                    + " SEMI JOIN old AS o ON " + match(key, "l", "o") + " WHERE l.n = 1"
                    + " UNION ALL SELECT " + columns(key, "g.") + ", CAST(NULL AS BIGINT) FROM gone AS g"
                    + ") AS m ORDER BY " + columns(key, "m.");
            markers = DuckDbParquet.write(
                    duck,
                    markerQuery,
                    markerSchema,
                    options,
                    catalog.lakeRoot(),
                    catalog.datasetDir(dataset),
                    allocator);
        } catch (SQLException e) {
            throw new LakehubException(
                    "Planning the upsert into dataset '" + dataset + "' failed while reading its files (" + firstLine(e)
                            + "); nothing was committed.",
                    e);
        }
        log.debug(
                "Upsert into {} planned against snapshot {}: {} inserted, {} updated, {} deleted, {} markers",
                dataset,
                current.parent,
                changes.inserted(),
                changes.updated(),
                changes.deleted(),
                markers == null ? 0 : markers.rowCount());
        return CommitRequest.merge(
                        dataset,
                        visible(draft.schema()),
                        draft.schemaChanges().stream()
                                .filter(line ->
                                        !line.contains(UpsertColumns.ROW) && !line.contains(UpsertColumns.DELETED))
                                .toList(),
                        key,
                        draft.files(),
                        markers == null ? List.of() : List.of(markers),
                        changes,
                        current.parent,
                        draft.lineage(),
                        draft.properties(),
                        request.actor())
                .withWidenToString(request.widenToString());
    }

    private record Current(Optional<DatasetInfo> info, Long parent, List<DataFile> files) {}

    /** The dataset and its live files from one snapshot (ids re-read until they agree). */
    private Current readCurrent(DatasetName dataset) {
        for (int attempt = 0; ; attempt++) {
            Optional<DatasetInfo> before = catalog.dataset(dataset);
            List<DataFile> files = catalog.liveFiles(dataset);
            Optional<DatasetInfo> after = catalog.dataset(dataset);
            Long a = before.map(DatasetInfo::currentSnapshotId).orElse(null);
            Long b = after.map(DatasetInfo::currentSnapshotId).orElse(null);
            if (Objects.equals(a, b) || attempt >= MAX_ATTEMPTS) {
                // Still moving: the commit's parent check refuses a stale plan anyway.
                return new Current(before, a, files);
            }
        }
    }

    private static void refuseNullKeys(Statement st, List<String> key, IngestRequest request) throws SQLException {
        StringJoiner firsts = new StringJoiner(", ");
        for (String k : key) {
            firsts.add("min(" + id(UpsertColumns.ROW) + ") FILTER (WHERE " + id(k) + " IS NULL)");
        }
        try (ResultSet rs = st.executeQuery("SELECT " + firsts + " FROM nw")) {
            rs.next();
            for (int i = 0; i < key.size(); i++) {
                long row = rs.getLong(i + 1);
                if (!rs.wasNull()) {
                    throw refused(request.describeSource() + ": row " + (row + 1) + " has no value for the key column '"
                            + key.get(i) + "' of dataset '" + request.dataset() + "'; every row of an upsert needs"
                            + " its key. Nothing was written.");
                }
            }
        }
    }

    private static LakeSchema markerSchema(LakeSchema fileSchema, List<String> key) {
        List<LakeField> fields = new ArrayList<>();
        for (String k : key) {
            LakeField f = fileSchema.field(k).orElseThrow();
            fields.add(new LakeField(f.name(), f.type(), true));
        }
        fields.add(new LakeField(UpsertColumns.ROW, LakeType.BIGINT, true));
        return new LakeSchema(fields);
    }

    /** The schema without the hidden columns. */
    static LakeSchema visible(LakeSchema schema) {
        return new LakeSchema(schema.fields().stream()
                .filter(f -> !UpsertColumns.isReserved(f.name()))
                .toList());
    }

    private List<String> absolute(List<NewDataFile> files) {
        return files.stream()
                .map(f -> catalog.lakeRoot().resolve(f.relativePath()).toString())
                .toList();
    }

    private void deleteQuietly(List<NewDataFile> files) {
        for (NewDataFile f : files) {
            Path p = catalog.lakeRoot().resolve(f.relativePath());
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                log.warn("Could not delete {}; the orphan sweep will remove it", f.relativePath(), e);
            }
        }
    }

    private static boolean sameKey(List<String> a, List<String> b) {
        return a.stream()
                .map(LakeSchema::key)
                .toList()
                .equals(b.stream().map(LakeSchema::key).toList());
    }

    private static String id(String name) {
        return MergeOnRead.identifier(name);
    }

    /** {@code CAST(NULL AS <type>) AS <name>} per column, for an empty relation of that shape. */
    private static String nulls(LakeSchema schema) {
        StringJoiner j = new StringJoiner(", ");
        for (LakeField f : schema.fields()) {
            j.add("CAST(NULL AS " + f.duckDbType() + ") AS " + id(f.name()));
        }
        return j.toString();
    }

    private static String columns(List<String> key, String prefix) {
        StringJoiner j = new StringJoiner(", ");
        key.forEach(k -> j.add(prefix + id(k)));
        return j.toString();
    }

    private static String match(List<String> key, String left, String right) {
        StringJoiner j = new StringJoiner(" AND ");
        key.forEach(k -> j.add(left + "." + id(k) + " = " + right + "." + id(k)));
        return j.toString();
    }

    private static IngestRefusedException refused(String message) {
        return new IngestRefusedException(message, null);
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}

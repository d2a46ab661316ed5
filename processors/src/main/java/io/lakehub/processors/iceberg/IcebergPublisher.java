package io.lakehub.processors.iceberg;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChanges;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.FilesFingerprint;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.commit.UpsertColumns;
import io.lakehub.catalog.erasure.PendingErasure;
import io.lakehub.catalog.schema.FieldIds;
import io.lakehub.catalog.schema.LakeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SnapshotAncestryValidator;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.avro.Avro;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.avro.DataWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDelete;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes datasets as Apache Iceberg (format v2) tables in Iceberg's {@link JdbcCatalog} on the
 * catalog database (ADR 0039). Lakehub's catalog stays the source of truth: {@link #publish} brings a
 * dataset's table up to the dataset's current snapshot, one Iceberg snapshot per Lakehub snapshot not
 * yet published (consecutive plain appends of one schema version share one, ADR 0044), each carrying
 * the (last) Lakehub snapshot id in its summary ({@value #SNAPSHOT_ID}) so that a publish repeated
 * after a crash (or by another hub) is recognised and skipped.
 *
 * <ul>
 *   <li>Data files are the lake's own Parquet files, registered by path ({@code file:} URIs) with their
 *       row counts and null counts: nothing is rewritten. The table's field ids are the dataset's stable
 *       ids ({@link io.lakehub.catalog.schema.FieldIds}), which the Parquet writer puts into the files;
 *       files written without ids (before, or by DuckDB) resolve by name through the table's name
 *       mapping ({@code schema.name-mapping.default}).
 *   <li>Upsert snapshots ({@code MERGE}) become row deltas: an equality delete on the key for every key
 *       the snapshot's delete markers name (it hides the older versions), and a position delete for each
 *       row of the snapshot itself that a later row of the same key supersedes or that deletes its key.
 *       Delete files are Avro, written by {@code iceberg-core} without Hadoop, under the table location.
 *   <li>Files a snapshot removed (compaction) are removed from the table, with the delete files that
 *       only applied to them.
 *   <li>A pending erasure becomes an equality delete on its values at once ({@link #erase}); files it
 *       then rewrites in place (ADR 0031) change size under a published snapshot and are replaced in
 *       the table ({@code RewriteFiles}); tables with upsert delete files are rebuilt instead.
 * </ul>
 *
 * <p>Table {@code lakehub.<dataset>}, location {@code <lake>/_iceberg/<dataset>} (a folder the orphan
 * sweep never walks). Thread-safe for different datasets; one dataset is published by one thread at a
 * time (the caller serialises), and a concurrent publisher elsewhere only makes a commit fail and be
 * retried. No Hadoop class is loaded.
 */
public final class IcebergPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IcebergPublisher.class);

    /** Snapshot summary property: the Lakehub snapshot an Iceberg snapshot publishes. */
    public static final String SNAPSHOT_ID = "lakehub.snapshot-id";

    /**
     * Snapshot summary property: the {@link FilesFingerprint} of the Lakehub files live in the published
     * snapshot (ADR 0054). Tables published before it carry {@code lakehub.files-digest} instead, which
     * is no longer read: their next publish lists the table's files once.
     */
    public static final String FILES_FINGERPRINT = "lakehub.files-fingerprint";

    /** The Iceberg namespace of the tables. */
    public static final Namespace NAMESPACE = Namespace.of("lakehub");

    /** The folder under the lake root that holds the tables' metadata and delete files. */
    public static final String WAREHOUSE_FOLDER = "_iceberg";

    /** The Iceberg catalog's name, as engines configure it. */
    public static final String CATALOG_NAME = "lakehub";

    /** What {@link #publish} did. */
    public enum Outcome {
        /** The table already showed the dataset's current snapshot. */
        UP_TO_DATE,
        /** New Lakehub snapshots were published. */
        PUBLISHED,
        /** The table was dropped and published again from the Lakehub catalog. */
        REBUILT,
        /**
         * The dataset no longer exists (or has no snapshot), or an erasure of its rows is not rewritten
         * yet: its table was dropped, if it had one.
         */
        DROPPED
    }

    /**
     * Summary property of an Iceberg snapshot that stands for several consecutive Lakehub appends: how
     * many ({@value #SNAPSHOT_ID} names the last of them).
     */
    public static final String FOLDED_SNAPSHOTS = "lakehub.folded-snapshots";

    /** The result of one publish: what happened and how many Iceberg snapshots were committed. */
    public record Publication(String dataset, Outcome outcome, int snapshots) {}

    private final Catalog lake;
    private final JdbcCatalog iceberg;
    private final Path warehouse;
    private final LocalFileIO io = new LocalFileIO();
    private volatile int retainedSnapshots = DEFAULT_RETAINED_SNAPSHOTS;

    /** How many Iceberg snapshots a table keeps by default (older ones expire after a publish). */
    public static final int DEFAULT_RETAINED_SNAPSHOTS = 100;

    /**
     * Keeps at most this many Iceberg snapshots per table (at least 1): older ones expire after a
     * publish, with their manifests and delete files; the lake's data files are never deleted by
     * Iceberg (Lakehub expires them itself).
     */
    public IcebergPublisher withRetainedSnapshots(int snapshots) {
        this.retainedSnapshots = Math.max(1, snapshots);
        return this;
    }

    /**
     * @param lake the Lakehub catalog (the source of truth)
     * @param jdbcUrl the catalog database, where Iceberg's JdbcCatalog keeps its two tables
     * @param user the database user
     * @param password the database password
     */
    public IcebergPublisher(Catalog lake, String jdbcUrl, String user, String password) {
        this.lake = lake;
        this.warehouse = lake.lakeRoot().resolve(WAREHOUSE_FOLDER);
        this.iceberg = new JdbcCatalog();
        iceberg.initialize(CATALOG_NAME, catalogProperties(jdbcUrl, user, password, warehouse));
        if (!iceberg.namespaceExists(NAMESPACE)) {
            try {
                iceberg.createNamespace(NAMESPACE, Map.of());
            } catch (AlreadyExistsException e) {
                // Another hub created it first.
            }
        }
    }

    /**
     * The properties of Iceberg's {@link JdbcCatalog} for this catalog database: what the hub uses and
     * what engines paste (with their own {@code io-impl}). Schema version V1 (tables and views; V0 on H2); the
     * catalog's tables ({@code iceberg_tables}, {@code iceberg_namespace_properties}) are created by the
     * Lakehub catalog's migration V11, on PostgreSQL and H2 alike.
     */
    public static Map<String, String> catalogProperties(String jdbcUrl, String user, String password, Path warehouse) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("uri", jdbcUrl);
        if (user != null && !user.isEmpty()) {
            p.put("jdbc.user", user);
        }
        if (password != null && !password.isEmpty()) {
            p.put("jdbc.password", password);
        }
        // The catalog tables come from the Lakehub catalog's migration V11 (schema V1, in the catalog's own
        // schema): Iceberg's own creation would find a table of that name in any schema of a shared
        // PostgreSQL database. On H2, Iceberg 1.12's V1 check (run even without init) looks the column up
        // in lower case, H2 answers upper case, and it fails adding the column again: V0 statements there
        // (tables only; the column stays empty).
        p.put("jdbc.schema-version", jdbcUrl.startsWith("jdbc:h2:") ? "V0" : "V1");
        p.put("jdbc.init-catalog-tables", "false");
        p.put("warehouse", LocalFileIO.uri(warehouse));
        p.put("io-impl", LocalFileIO.class.getName());
        p.put("clients", "1");
        return p;
    }

    /** The Iceberg catalog the tables are in (for tests and the CLI). */
    public org.apache.iceberg.catalog.Catalog icebergCatalog() {
        return iceberg;
    }

    /** The identifier of a dataset's table: {@code lakehub.<dataset>}. */
    public static TableIdentifier tableId(DatasetName dataset) {
        return TableIdentifier.of(NAMESPACE, dataset.value());
    }

    /** The location of a dataset's table. */
    public Path tableLocation(DatasetName dataset) {
        return warehouse.resolve(dataset.value());
    }

    /**
     * Brings the dataset's table up to its current Lakehub snapshot: creates it, publishes the
     * snapshots it lacks, drops it when the dataset is gone, rebuilds it when files changed under a
     * published snapshot (an erasure) or a column type changed in a way Iceberg cannot promote.
     *
     * <p>Another hub of the cluster may publish the same dataset at the same moment. The tables never
     * let Iceberg re-apply a commit that lost such a race ({@code commit.retry.num-retries=0}: an append applied
     * again on top of the winner's would list its files twice); the loser starts its publish over
     * instead, and then finds the snapshots published.
     */
    public Publication publish(DatasetName dataset) {
        for (int attempt = 1; ; attempt++) {
            try {
                return publishOnce(dataset);
            } catch (CommitFailedException | AlreadyExistsException | ValidationException e) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw e;
                }
                log.debug(
                        "Iceberg table {}: another publisher committed first ({}); publishing again",
                        dataset,
                        e.toString());
            }
        }
    }

    /**
     * Fails an Iceberg commit (with a {@link ValidationException}) unless the snapshot it is applied on
     * still shows Lakehub snapshot {@code expected}: Iceberg rebases a commit onto whatever another
     * publisher committed meanwhile, which for an append of the same files would list them twice.
     */
    private static SnapshotAncestryValidator stillShows(Long expected) {
        return new SnapshotAncestryValidator() {
            @Override
            public boolean validate(Iterable<org.apache.iceberg.Snapshot> ancestry) {
                java.util.Iterator<org.apache.iceberg.Snapshot> newestFirst = ancestry.iterator();
                String shown =
                        newestFirst.hasNext() ? newestFirst.next().summary().get(SNAPSHOT_ID) : null;
                return java.util.Objects.equals(shown, expected == null ? null : Long.toString(expected));
            }

            @Override
            public String errorMessage() {
                return "the table no longer shows Lakehub snapshot " + expected + ": another publisher committed first";
            }
        };
    }

    /** How often a publish that lost a race to another publisher starts over. */
    private static final int RACE_ATTEMPTS = 5;

    /** Turns off Iceberg's commit retries on a table created before they were turned off at creation. */
    private static void noCommitRetries(Table table) {
        if (!"0".equals(table.properties().get(TableProperties.COMMIT_NUM_RETRIES))) {
            table.updateProperties()
                    .set(TableProperties.COMMIT_NUM_RETRIES, "0")
                    .commit();
        }
    }

    private Publication publishOnce(DatasetName dataset) {
        Optional<DatasetInfo> info = lake.dataset(dataset);
        if (info.isEmpty() || info.get().currentSnapshotId() == null) {
            drop(dataset);
            return new Publication(dataset.value(), Outcome.DROPPED, 0);
        }
        TableIdentifier id = tableId(dataset);
        List<PendingErasure> erasures = lake.pendingErasures().stream()
                .filter(p -> p.dataset().equals(dataset.value()))
                .toList();
        if (!erasures.isEmpty()) {
            // Rows an erasure hides are still in the files until it rewrites them: the table shows them
            // deleted (equality deletes on the erased values) and takes no new snapshot until then.
            if (!iceberg.tableExists(id)) {
                return new Publication(dataset.value(), Outcome.DROPPED, 0);
            }
            try {
                for (PendingErasure p : erasures) {
                    erase(dataset, p.id(), p.keyColumn(), p.values());
                }
            } catch (RuntimeException e) {
                log.warn(
                        "Iceberg table {}: publishing an erasure as delete files failed; the table is dropped"
                                + " until the rewrite: {}",
                        id,
                        e.toString());
                drop(dataset);
                return new Publication(dataset.value(), Outcome.DROPPED, 0);
            }
            return new Publication(dataset.value(), Outcome.UP_TO_DATE, 0);
        }
        if (!iceberg.tableExists(id)) {
            return new Publication(dataset.value(), Outcome.PUBLISHED, publishFrom(dataset, info.get(), null, null));
        }
        Table table = iceberg.loadTable(id);
        noCommitRetries(table);
        long current = info.get().currentSnapshotId();
        Long last = lastPublished(table);
        Optional<FilesFingerprint> known =
                last != null && last <= current ? fingerprintHolds(dataset, table, last) : Optional.empty();
        if (known.isPresent()) {
            // Nothing was rewritten or removed under the published snapshots (ADR 0054): only what the
            // commits since added is read, not the dataset's history and files.
            if (last == current) {
                return new Publication(dataset.value(), Outcome.UP_TO_DATE, 0);
            }
            Optional<DatasetChanges> changes = lake.changesBetween(dataset, last, current);
            if (changes.isPresent() && changes.get().removedEarlierFiles() == 0) {
                try {
                    return new Publication(
                            dataset.value(),
                            Outcome.PUBLISHED,
                            publishChanges(dataset, info.get(), table, changes.get(), known.get()));
                } catch (SchemaNotPromotable e) {
                    log.info("Iceberg table {}: {}", id, e.getMessage());
                    return rebuild(dataset);
                }
            }
        }
        List<DataFile> live = upTo(lake.liveFiles(dataset), current);
        int replaced = 0;
        if (last != null && last <= current) {
            // Files an erasure rewrote in place (same path, fewer rows): replaced in the table first.
            Replaced r = replaceRewritten(table, live, last, last == current);
            if (r == Replaced.COMMITTED) {
                replaced = 1;
                table.refresh();
                if (last == current) {
                    return new Publication(dataset.value(), Outcome.PUBLISHED, 1);
                }
            } else if (r == Replaced.NOT_POSSIBLE) {
                log.info(
                        "Iceberg table {}: files of dataset {} rewritten in place under upsert delete files;"
                                + " rebuilding the table",
                        id,
                        dataset);
                return rebuild(dataset);
            }
        }
        if (last != null && last == current) {
            String recorded = table.currentSnapshot().summary().get(FILES_FINGERPRINT);
            if (recorded == null || recorded.equals(FilesFingerprint.of(live).toString())) {
                return new Publication(dataset.value(), Outcome.UP_TO_DATE, 0);
            }
            log.info(
                    "Iceberg table {}: files of dataset {} changed under published snapshot {} (an erasure"
                            + " rewrote them); rebuilding the table",
                    id,
                    dataset,
                    current);
            return rebuild(dataset);
        }
        if (last != null && last > current) {
            log.info(
                    "Iceberg table {} shows snapshot {}, newer than dataset {}'s current {}; rebuilding",
                    id,
                    last,
                    dataset,
                    current);
            return rebuild(dataset);
        }
        try {
            return new Publication(
                    dataset.value(), Outcome.PUBLISHED, replaced + publishFrom(dataset, info.get(), table, live));
        } catch (SchemaNotPromotable e) {
            log.info("Iceberg table {}: {}", id, e.getMessage());
            return rebuild(dataset);
        }
    }

    /** Drops the dataset's table and publishes it again from the Lakehub catalog. */
    public Publication rebuild(DatasetName dataset) {
        drop(dataset);
        Optional<DatasetInfo> info = lake.dataset(dataset);
        if (info.isEmpty() || info.get().currentSnapshotId() == null) {
            return new Publication(dataset.value(), Outcome.DROPPED, 0);
        }
        return new Publication(dataset.value(), Outcome.REBUILT, publishFrom(dataset, info.get(), null, null));
    }

    /**
     * Drops the dataset's table from the Iceberg catalog and deletes its metadata and delete files (never
     * the lake's data files, which are outside the table location).
     *
     * @return whether there was a table
     */
    public boolean drop(DatasetName dataset) {
        boolean existed = iceberg.tableExists(tableId(dataset)) && iceberg.dropTable(tableId(dataset), false);
        io.deletePrefix(LocalFileIO.uri(tableLocation(dataset)));
        return existed;
    }

    /** Table property marking an erasure (suffix: its id) as published in the table's delete files. */
    public static final String ERASURE_PROPERTY = "lakehub.erasure.";

    /**
     * Publishes an erasure as an equality delete on the key column's erased values, in one Iceberg
     * commit that keeps the published Lakehub snapshot id and files digest (so the rewrite that follows
     * is recognised). Idempotent: the table records the erasure ({@value #ERASURE_PROPERTY}{@code <id>}).
     * Values are never logged.
     *
     * @return false when the dataset has no table (nothing to hide)
     */
    public boolean erase(DatasetName dataset, long erasureId, String keyColumn, List<String> values) {
        for (int attempt = 1; ; attempt++) {
            try {
                return eraseOnce(dataset, erasureId, keyColumn, values);
            } catch (CommitFailedException e) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw e;
                }
                log.debug(
                        "Iceberg table {}: another publisher committed first; publishing erasure {} again",
                        dataset,
                        erasureId);
            }
        }
    }

    private boolean eraseOnce(DatasetName dataset, long erasureId, String keyColumn, List<String> values) {
        TableIdentifier id = tableId(dataset);
        if (!iceberg.tableExists(id)) {
            return false;
        }
        Table table = iceberg.loadTable(id);
        noCommitRetries(table);
        if (table.properties().containsKey(ERASURE_PROPERTY + erasureId)) {
            return true;
        }
        Transaction tx = table.newTransaction();
        Types.NestedField field = IcebergSchemas.find(table.schema(), keyColumn);
        if (field != null && field.type().isPrimitiveType() && table.currentSnapshot() != null) {
            Schema keySchema = table.schema().select(field.name());
            EqualityDeleteWriter<Record> w;
            try {
                w = Avro.writeDeletes(io.newOutputFile(table.location() + "/deletes/erasure" + erasureId + "-eq-"
                                + UUID.randomUUID() + ".avro"))
                        .forTable(table)
                        .withSpec(PartitionSpec.unpartitioned())
                        .rowSchema(keySchema)
                        .equalityFieldIds(List.of(field.fieldId()))
                        .createWriterFunc(DataWriter::create)
                        .overwrite()
                        .buildEqualityWriter();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the Iceberg delete file of erasure " + erasureId, e);
            }
            try (w) {
                GenericRecord r = GenericRecord.create(keySchema);
                for (String v : values) {
                    Object parsed = parse(field.type(), v);
                    if (parsed != null) {
                        GenericRecord row = r.copy();
                        row.set(0, parsed);
                        w.write(row);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot write the Iceberg delete file of erasure " + erasureId + " of dataset " + dataset, e);
            }
            Map<String, String> summary = table.currentSnapshot().summary();
            RowDelta delta = tx.newRowDelta().addDeletes(w.toDeleteFile());
            if (summary.get(SNAPSHOT_ID) != null) {
                delta.set(SNAPSHOT_ID, summary.get(SNAPSHOT_ID));
            }
            if (summary.get(FILES_FINGERPRINT) != null) {
                delta.set(FILES_FINGERPRINT, summary.get(FILES_FINGERPRINT));
            }
            delta.set("lakehub.operation", "ERASURE");
            delta.set("lakehub.erasure-id", Long.toString(erasureId));
            delta.commit();
        }
        tx.updateProperties().set(ERASURE_PROPERTY + erasureId, "deleted").commit();
        tx.commitTransaction();
        log.info("Iceberg table {}: erasure {} published as an equality delete on {}", id, erasureId, keyColumn);
        return true;
    }

    /** An erased value as the key column's type holds it, or null when no row can hold it. */
    private static Object parse(Type type, String v) {
        if (v == null) {
            return null;
        }
        try {
            return switch (type.typeId()) {
                case STRING -> v;
                case INTEGER -> Integer.parseInt(v.trim());
                case LONG -> Long.parseLong(v.trim());
                case DOUBLE -> Double.parseDouble(v.trim());
                case FLOAT -> Float.parseFloat(v.trim());
                case BOOLEAN -> Boolean.parseBoolean(v.trim());
                case DECIMAL ->
                    new BigDecimal(v.trim())
                            .setScale(((Types.DecimalType) type).scale(), java.math.RoundingMode.UNNECESSARY);
                case UUID -> UUID.fromString(v.trim());
                case DATE -> LocalDate.parse(v.trim());
                default ->
                    throw new IllegalStateException(
                            "A key column of type " + type + " cannot be erased through an Iceberg equality delete");
            };
        } catch (NumberFormatException | ArithmeticException | java.time.format.DateTimeParseException e) {
            return null; // no row of this column holds it
        }
    }

    /**
     * After an erasure rewrote files in place: one {@code RewriteFiles} commit replaces the table's
     * entries of the rewritten files (same path, new size and row count) and removes those of files that
     * went. Only for tables whose delete files are all erasure deletes (upsert deletes refer to row
     * positions and sequence numbers the rewrite changed: those tables are rebuilt).
     *
     * @param published the Lakehub snapshot the table shows
     * @param upToDate whether that is the dataset's current snapshot (the commit then records the digest)
     */
    private Replaced replaceRewritten(Table table, List<DataFile> live, long published, boolean upToDate) {
        String recorded = table.currentSnapshot().summary().get(FILES_FINGERPRINT);
        if (recorded != null
                && recorded.equals(FilesFingerprint.of(upTo(live, published)).toString())) {
            // The files of the published snapshots are those the table recorded (same paths, sizes and
            // rows): nothing was rewritten or removed since, and the table's manifests need no scan (a
            // scan opens every manifest: most of a publish's CPU for a dataset committed to often, ADR 0044).
            return Replaced.NOTHING;
        }
        Map<String, DataFile> liveByUri = new HashMap<>();
        live.stream().filter(f -> !f.isDeleteMarkers()).forEach(f -> liveByUri.put(uri(f), f));
        List<org.apache.iceberg.DataFile> changed = new ArrayList<>();
        List<org.apache.iceberg.DataFile> gone = new ArrayList<>();
        boolean upsertDeletes = false;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask t : tasks) {
                for (DeleteFile d : t.deletes()) {
                    upsertDeletes |= !d.location().contains("/deletes/erasure");
                }
                org.apache.iceberg.DataFile f = t.file();
                DataFile now = liveByUri.get(f.location());
                if (now == null) {
                    gone.add(f);
                } else if (now.sizeBytes() != f.fileSizeInBytes() || now.rowCount() != f.recordCount()) {
                    changed.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the files of Iceberg table " + table.name(), e);
        }
        if (changed.isEmpty() && (!upToDate || gone.isEmpty())) {
            return Replaced.NOTHING;
        }
        if (upsertDeletes) {
            return Replaced.NOT_POSSIBLE;
        }
        if (!upToDate) {
            gone.clear(); // removed by the publish of the snapshot that removed them
        }
        try {
            // The erasure's own delete files are older than this commit: not "new deletes" to refuse.
            org.apache.iceberg.RewriteFiles rewrite = table.newRewrite()
                    .validateFromSnapshot(table.currentSnapshot().snapshotId());
            for (org.apache.iceberg.DataFile f : changed) {
                rewrite.deleteFile(f);
                rewrite.addFile(dataFile(table.schema(), liveByUri.get(f.location())));
            }
            gone.forEach(rewrite::deleteFile);
            rewrite.set(SNAPSHOT_ID, Long.toString(published));
            if (upToDate) {
                rewrite.set(FILES_FINGERPRINT, FilesFingerprint.of(live).toString());
            }
            rewrite.set("lakehub.operation", "ERASURE_REWRITE");
            rewrite.commit();
        } catch (CommitFailedException e) {
            throw e; // another publisher committed first: the publish starts over
        } catch (RuntimeException e) {
            log.info(
                    "Iceberg table {}: replacing the rewritten files failed ({}); rebuilding",
                    table.name(),
                    e.toString());
            return Replaced.NOT_POSSIBLE;
        }
        log.info(
                "Iceberg table {}: {} files rewritten by an erasure replaced, {} removed",
                table.name(),
                changed.size(),
                gone.size());
        return Replaced.COMMITTED;
    }

    /** What {@link #replaceRewritten} did. */
    private enum Replaced {
        NOTHING,
        COMMITTED,
        NOT_POSSIBLE
    }

    /** The Lakehub snapshot the table's current snapshot published, or null. */
    public static Long lastPublished(Table table) {
        if (table.currentSnapshot() == null) {
            return null;
        }
        String v = table.currentSnapshot().summary().get(SNAPSHOT_ID);
        return v == null ? null : Long.parseLong(v);
    }

    /**
     * The live files a publish up to Lakehub snapshot {@code current} works with: those of snapshots up
     * to it. A commit between reading the dataset and its files adds files the publish does not show yet;
     * left in, they would enter the recorded fingerprint ({@value #FILES_FINGERPRINT}), which the next publish then
     * could not match without a manifest scan (or, when nothing is pending, took for a rewrite).
     */
    static List<DataFile> upTo(List<DataFile> live, long current) {
        for (DataFile f : live) {
            if (f.addedSnapshotId() > current) {
                return live.stream().filter(g -> g.addedSnapshotId() <= current).toList();
            }
        }
        return live;
    }

    /**
     * Whether the table's files are known without listing them (ADR 0049): its current snapshot was
     * committed by a publish (not by an erasure, whose equality deletes the next publish removes) and
     * recorded the fingerprint of the live files it showed, and the live files of the snapshots it published
     * still have that fingerprint. Then the table holds exactly the data files among them, and the delete files
     * of their snapshots: no file was added, rewritten or removed under it since.
     */
    private static boolean filesKnown(Table table, List<DataFile> live, long published) {
        return recordedFingerprint(table)
                .filter(recorded -> recorded.equals(
                        FilesFingerprint.of(upTo(live, published)).toString()))
                .isPresent();
    }

    /**
     * The fingerprint the table's current snapshot recorded, when a publish committed it (not an
     * erasure's equality delete or rewrite, whose delete files the next publish removes).
     */
    private static Optional<String> recordedFingerprint(Table table) {
        org.apache.iceberg.Snapshot current = table.currentSnapshot();
        if (current == null) {
            return Optional.empty();
        }
        String operation = current.summary().get("lakehub.operation");
        if ("ERASURE".equals(operation) || "ERASURE_REWRITE".equals(operation)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.summary().get(FILES_FINGERPRINT));
    }

    /**
     * {@link #filesKnown} asked of the catalog database (one aggregate, no file read): the table's
     * current snapshot was committed by a publish that recorded the fingerprint of the files live in
     * Lakehub snapshot {@code published}, and those files still have it (returned; empty otherwise).
     */
    private Optional<FilesFingerprint> fingerprintHolds(DatasetName dataset, Table table, long published) {
        Optional<String> recorded = recordedFingerprint(table);
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        return lake.filesFingerprint(dataset, published)
                .filter(now -> recorded.get().equals(now.toString()));
    }

    /**
     * Publishes the snapshots of {@code changes} onto a table that shows exactly the files live in
     * {@code changes.after()} (checked by the caller): none of them is removed, so the table's manifests
     * are never listed and only the files the new snapshots added are published.
     */
    private int publishChanges(
            DatasetName dataset, DatasetInfo info, Table table, DatasetChanges changes, FilesFingerprint before) {
        FilesFingerprint after = before.plus(changes.addedFiles());
        return commitPending(
                dataset,
                info,
                table,
                schemas(dataset),
                changes.snapshots(),
                versionsBefore(changes.schemaVersionAfter(), changes.snapshots()),
                changes.addedFiles(),
                Map.of(),
                List.of(),
                after);
    }

    /** Each snapshot's id to the schema version before it, oldest first from {@code first}. */
    private static Map<Long, Integer> versionsBefore(int first, List<Snapshot> oldestFirst) {
        Map<Long, Integer> before = new HashMap<>();
        int previous = first;
        for (Snapshot s : oldestFirst) {
            before.put(s.id(), previous);
            previous = s.schemaVersion();
        }
        return before;
    }

    private Map<Integer, LakeSchema> schemas(DatasetName dataset) {
        Map<Integer, LakeSchema> schemas = new HashMap<>();
        for (SchemaVersion v : lake.schemaVersions(dataset)) {
            schemas.put(v.version(), v.schema());
        }
        return schemas;
    }

    private int publishFrom(DatasetName dataset, DatasetInfo info, Table existing, List<DataFile> liveRead) {
        List<Snapshot> history = new ArrayList<>(lake.snapshots(dataset));
        history.sort(Comparator.comparingLong(Snapshot::id));
        Map<Integer, LakeSchema> schemas = schemas(dataset);
        List<DataFile> live = liveRead != null ? liveRead : upTo(lake.liveFiles(dataset), info.currentSnapshotId());
        Long last = existing == null ? null : lastPublished(existing);
        List<Snapshot> pending = history.stream()
                .filter(s -> last == null || s.id() > last)
                .filter(s -> s.id() <= info.currentSnapshotId())
                .toList();
        if (pending.isEmpty()) {
            return 0;
        }
        Table table = existing;
        if (table == null) {
            LakeSchema first = schemaOf(schemas, pending.getFirst(), info);
            Schema schema = IcebergSchemas.schema(first);
            Map<String, String> props = new HashMap<>();
            props.put(TableProperties.FORMAT_VERSION, "2");
            props.put(TableProperties.DELETE_DEFAULT_FILE_FORMAT, "avro");
            props.put("lakehub.dataset", dataset.value());
            // Every commit rewrites the table metadata: keep a few old versions, not all of them.
            props.put(TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true");
            props.put(TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "20");
            // A commit that lost a race to another hub's publish fails instead of being applied again on
            // top of it (an append applied twice lists its files twice); the publish starts over.
            props.put(TableProperties.COMMIT_NUM_RETRIES, "0");
            table = iceberg.buildTable(tableId(dataset), schema)
                    .withPartitionSpec(PartitionSpec.unpartitioned())
                    .withLocation(LocalFileIO.uri(tableLocation(dataset)))
                    .withProperties(props)
                    .create();
            // Creating assigns fresh ids: the dataset's stable ones (a list's element differs) replace them.
            IcebergSchemas.commitSchema(table, schema);
        }
        Map<String, org.apache.iceberg.DataFile> tableData = new HashMap<>();
        List<DeleteFile> tableDeletes = new ArrayList<>();
        if (table.currentSnapshot() != null && (last == null || !filesKnown(table, live, last))) {
            // The table's files are listed only when they are not known from the last publish's fingerprint: a
            // scan opens every manifest, which for a dataset committed to many times a second was most of
            // the hub's publishing CPU (ADR 0049). When they are known, no file of the table is gone and
            // none of the pending snapshots' files is in it: nothing to look up.
            Map<String, DeleteFile> deletes = new HashMap<>();
            try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
                for (FileScanTask t : tasks) {
                    tableData.put(t.file().location(), t.file());
                    t.deletes().forEach(d -> deletes.put(d.location(), d));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the files of Iceberg table " + table.name(), e);
            }
            tableDeletes.addAll(deletes.values());
        }
        return commitPending(
                dataset,
                info,
                table,
                schemas,
                pending,
                versionsBefore(0, history),
                live,
                tableData,
                tableDeletes,
                FilesFingerprint.of(live));
    }

    /**
     * Commits the pending Lakehub snapshots to the table, consecutive plain appends folded into one
     * Iceberg append (ADR 0044). {@code tableData} and {@code tableDeletes} are the table's files when they
     * were listed (empty when they are known from the last publish): those no longer live are removed
     * with the last snapshot, which also records {@code fingerprint} (the files live after it).
     */
    private int commitPending(
            DatasetName dataset,
            DatasetInfo info,
            Table table,
            Map<Integer, LakeSchema> schemas,
            List<Snapshot> pending,
            Map<Long, Integer> versionBefore,
            List<DataFile> live,
            Map<String, org.apache.iceberg.DataFile> tableDataListed,
            List<DeleteFile> tableDeletes,
            FilesFingerprint fingerprint) {
        Map<String, org.apache.iceberg.DataFile> tableData = new HashMap<>(tableDataListed);
        Set<String> liveUris =
                live.stream().filter(f -> !f.isDeleteMarkers()).map(f -> uri(f)).collect(Collectors.toSet());
        Set<Long> liveSnapshots = live.stream().map(DataFile::addedSnapshotId).collect(Collectors.toSet());
        Set<Long> withMarkers = live.stream()
                .filter(DataFile::isDeleteMarkers)
                .map(DataFile::addedSnapshotId)
                .collect(Collectors.toSet());
        // The Lakehub snapshot the table shows as planned: each commit checks that it still does.
        Long shown = lastPublished(table);
        int committed = 0;
        for (int i = 0; i < pending.size(); i++) {
            // Consecutive plain appends are published as one Iceberg append (ADR 0044): a webhook or
            // broker source commits many times a second, and one Iceberg commit per Lakehub snapshot
            // (manifest, manifest list, a rewritten metadata file each) cost more than the commits.
            int end = i;
            while (end + 1 < pending.size() && foldable(pending.get(end), pending.get(end + 1), withMarkers)) {
                end++;
            }
            Snapshot first = pending.get(i);
            Snapshot s = pending.get(end);
            Set<Long> group =
                    pending.subList(i, end + 1).stream().map(Snapshot::id).collect(Collectors.toSet());
            int folded = end - i + 1;
            i = end;
            boolean lastOne = end == pending.size() - 1;
            List<DataFile> added = live.stream()
                    .filter(f -> group.contains(f.addedSnapshotId()) && !f.isDeleteMarkers())
                    .filter(f -> !tableData.containsKey(uri(f)))
                    .toList();
            List<DataFile> markers = live.stream()
                    .filter(f -> f.addedSnapshotId() == s.id() && f.isDeleteMarkers())
                    .toList();
            List<org.apache.iceberg.DataFile> removedData = lastOne
                    ? tableData.values().stream()
                            .filter(f -> !liveUris.contains(f.location()))
                            .toList()
                    : List.of();
            List<DeleteFile> removedDeletes = lastOne
                    ? tableDeletes.stream()
                            .filter(d -> !liveSnapshots.contains(deleteSnapshot(d)))
                            .toList()
                    : List.of();
            boolean merge = "MERGE".equals(s.operation()) && info.isUpsert() && !added.isEmpty();
            if (!lastOne && added.isEmpty() && markers.isEmpty()) {
                continue; // everything this snapshot added is gone again: nothing to show
            }
            LakeSchema lakeSchema = schemaOf(schemas, s, info);
            Schema evolved;
            try {
                evolved = IcebergSchemas.evolve(table.schema(), lakeSchema);
            } catch (IllegalStateException e) {
                throw new SchemaNotPromotable(e.getMessage());
            }
            if (evolved != null) {
                // Its own metadata commit, ahead of the data (a transaction's retry would not replay it);
                // a publish failing after it leaves a table whose schema is ahead, which is harmless.
                IcebergSchemas.commitSchema(table, evolved);
            }
            Transaction tx = table.newTransaction();
            Schema schema = tx.table().schema();
            if (first.schemaVersion() != versionBefore.getOrDefault(first.id(), 0)) {
                checkFieldIds(dataset, schema, added);
            }
            List<org.apache.iceberg.DataFile> dataFiles =
                    added.stream().map(f -> dataFile(schema, f)).toList();
            List<DeleteFile> deleteFiles = merge ? upsertDeletes(tx.table(), s, info.key(), added, markers) : List.of();
            SnapshotUpdate<?> op;
            if (!deleteFiles.isEmpty() || !removedData.isEmpty() || !removedDeletes.isEmpty()) {
                // A row delta also for compaction: a rewrite would refuse to replace files that the
                // delete files it removes in the same commit applied to.
                RowDelta delta = tx.newRowDelta();
                dataFiles.forEach(delta::addRows);
                deleteFiles.forEach(delta::addDeletes);
                removedData.forEach(delta::removeRows);
                removedDeletes.forEach(delta::removeDeletes);
                op = delta;
            } else {
                AppendFiles append = tx.newAppend();
                dataFiles.forEach(append::appendFile);
                op = append;
            }
            op.set(SNAPSHOT_ID, Long.toString(s.id()));
            op.validateWith(stillShows(shown));
            op.set("lakehub.operation", s.operation());
            if (folded > 1) {
                op.set(FOLDED_SNAPSHOTS, Integer.toString(folded));
            }
            if (lastOne) {
                op.set(FILES_FINGERPRINT, fingerprint.toString());
            }
            op.commit();
            tx.commitTransaction();
            dataFiles.forEach(f -> tableData.put(f.location(), f));
            committed++;
            shown = s.id();
            log.debug("Published snapshot {} of dataset {} to Iceberg table {}", s.id(), dataset, table.name());
        }
        if (committed > 0) {
            expireSnapshots(table);
        }
        return committed;
    }

    /**
     * Whether {@code next} can be published in one Iceberg append with {@code previous}: both plain
     * appends of the same schema version without delete markers, so the table after the one append is
     * the table after the two.
     */
    private static boolean foldable(Snapshot previous, Snapshot next, Set<Long> withMarkers) {
        return "APPEND".equals(previous.operation())
                && "APPEND".equals(next.operation())
                && previous.schemaVersion() == next.schemaVersion()
                && !withMarkers.contains(previous.id())
                && !withMarkers.contains(next.id());
    }

    /**
     * The files of a snapshot that added columns carry the ids their writer predicted for them (ADR 0039):
     * had another commit added other columns first, a predicted id would name another column. Refused
     * with the file and column named rather than published wrong (only such snapshots are checked: the
     * footer is read, no data).
     */
    private void checkFieldIds(DatasetName dataset, Schema schema, List<DataFile> files) {
        if (files.isEmpty()) {
            return;
        }
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            for (DataFile f : files) {
                String path = lake.lakeRoot().resolve(f.relativePath()).toString();
                try (ResultSet rs = st.executeQuery("SELECT name, field_id FROM parquet_schema('"
                        + path.replace("'", "''") + "') WHERE field_id IS NOT NULL AND field_id < "
                        + FieldIds.ELEMENT_ID_OFFSET)) {
                    while (rs.next()) {
                        String column = rs.getString(1);
                        int id = rs.getInt(2);
                        Types.NestedField field = schema.asStruct().field(id);
                        if (field == null || !field.name().equalsIgnoreCase(column)) {
                            throw new IllegalStateException("Data file " + f.relativePath() + " of dataset " + dataset
                                    + " carries field id " + id + " for column '" + column + "', which the dataset"
                                    + " gives to " + (field == null ? "no column" : "column '" + field.name() + "'")
                                    + " (another commit added columns while it was written); the Iceberg table is"
                                    + " not published past this file");
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot read the field ids of the files of dataset " + dataset + ": " + e.getMessage(), e);
        }
    }

    /**
     * Expires the table's snapshots beyond {@link #withRetainedSnapshots}: Iceberg deletes only the
     * files under the table location (manifests, manifest lists, delete files), never a lake data file.
     */
    private void expireSnapshots(Table table) {
        table.refresh();
        int count = 0;
        for (org.apache.iceberg.Snapshot ignored : table.snapshots()) {
            count++;
        }
        // Expired in batches (a tenth of the retained count at a time): each expiry reads the manifest
        // lists of the snapshots it drops, which once per publish was a tenth of the publishing CPU.
        if (count <= retainedSnapshots + retainedSnapshots / 10) {
            return;
        }
        String own = table.location() + "/";
        try {
            table.expireSnapshots()
                    .expireOlderThan(System.currentTimeMillis() + 1)
                    .retainLast(retainedSnapshots)
                    .deleteWith(location -> {
                        if (location.startsWith(own)) {
                            io.deleteFile(location);
                        }
                    })
                    .commit();
        } catch (CommitFailedException e) {
            // Another publisher changed the table meanwhile: the next publish expires them.
            log.debug("Iceberg table {}: expiring old snapshots lost a race; left for the next publish", table.name());
        }
    }

    private static LakeSchema schemaOf(Map<Integer, LakeSchema> schemas, Snapshot s, DatasetInfo info) {
        LakeSchema schema = schemas.get(s.schemaVersion());
        return schema == null ? info.schema() : schema;
    }

    private String uri(DataFile f) {
        return LocalFileIO.uri(lake.lakeRoot().resolve(f.relativePath()));
    }

    private org.apache.iceberg.DataFile dataFile(Schema schema, DataFile f) {
        Map<Integer, Long> nulls = new HashMap<>();
        for (ColumnStats c : f.stats() == null ? List.<ColumnStats>of() : f.stats()) {
            Types.NestedField field = IcebergSchemas.find(schema, c.column());
            if (field != null && field.type().isPrimitiveType()) {
                nulls.put(field.fieldId(), c.nullCount());
            }
        }
        Metrics metrics = new Metrics(f.rowCount(), null, null, nulls, null);
        return DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(uri(f))
                .withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(f.sizeBytes())
                .withMetrics(metrics)
                .build();
    }

    /** The Lakehub snapshot a delete file was written for (its name starts with {@code s<id>-}). */
    static long deleteSnapshot(DeleteFile d) {
        String name = d.location().substring(d.location().lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        if (!name.startsWith("s") || dash < 2) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(1, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The delete files of one upsert snapshot: equality deletes on the key for every key its markers
     * name (hiding the older snapshots' rows), position deletes for its own rows that a later row
     * supersedes (a marker with {@code _lakehub_row}) or that delete their key.
     */
    private List<DeleteFile> upsertDeletes(
            Table table, Snapshot s, List<String> key, List<DataFile> added, List<DataFile> markers) {
        List<DeleteFile> out = new ArrayList<>();
        String folder = table.location() + "/deletes/s" + s.id() + "-";
        Schema keySchema = table.schema().select(key);
        List<Integer> keyIds =
                keySchema.columns().stream().map(Types.NestedField::fieldId).toList();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            if (!markers.isEmpty()) {
                String cols = keySchema.columns().stream()
                        .map(c -> select(c, quote(c.name())))
                        .collect(Collectors.joining(", "));
                String sql = "SELECT DISTINCT " + cols + " FROM read_parquet(" + fileList(markers) + ")";
                try (ResultSet rs = st.executeQuery(sql)) {
                    EqualityDeleteWriter<Record> w = Avro.writeDeletes(
                                    io.newOutputFile(folder + "eq-" + UUID.randomUUID() + ".avro"))
                            .forTable(table)
                            .withSpec(PartitionSpec.unpartitioned())
                            .rowSchema(keySchema)
                            .equalityFieldIds(keyIds)
                            .createWriterFunc(DataWriter::create)
                            .overwrite()
                            .buildEqualityWriter();
                    try (w) {
                        GenericRecord r = GenericRecord.create(keySchema);
                        while (rs.next()) {
                            GenericRecord row = r.copy();
                            for (int i = 0; i < keySchema.columns().size(); i++) {
                                row.set(i, value(keySchema.columns().get(i).type(), rs, i + 1));
                            }
                            w.write(row);
                        }
                    }
                    out.add(w.toDeleteFile());
                }
            }
            String superseded = markers.isEmpty()
                    ? "FALSE"
                    : UpsertColumns.ROW + " IN (SELECT " + UpsertColumns.ROW + " FROM read_parquet(" + fileList(markers)
                            + ") WHERE " + UpsertColumns.ROW + " IS NOT NULL)";
            PositionDeleteWriter<Record> pw = null;
            try {
                for (DataFile f : added) {
                    String sql = "SELECT file_row_number FROM read_parquet('"
                            + lake.lakeRoot()
                                    .resolve(f.relativePath())
                                    .toString()
                                    .replace("'", "''")
                            + "', file_row_number = true) WHERE " + UpsertColumns.DELETED + " IS TRUE OR "
                            + superseded + " ORDER BY file_row_number";
                    try (ResultSet rs = st.executeQuery(sql)) {
                        PositionDelete<Record> pd = PositionDelete.create();
                        while (rs.next()) {
                            if (pw == null) {
                                pw = Avro.writeDeletes(io.newOutputFile(folder + "pos-" + UUID.randomUUID() + ".avro"))
                                        // not forTable: it sets a row schema, which position deletes refuse
                                        .setAll(table.properties())
                                        .withSpec(PartitionSpec.unpartitioned())
                                        .overwrite()
                                        .buildPositionWriter();
                            }
                            pw.write(pd.set(uri(f), rs.getLong(1)));
                        }
                    }
                }
            } finally {
                if (pw != null) {
                    pw.close();
                }
            }
            if (pw != null) {
                out.add(pw.toDeleteFile());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot read the upsert files of snapshot " + s.id() + " of dataset " + s.dataset()
                            + " for Iceberg delete files: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot write the Iceberg delete files of snapshot " + s.id() + " of dataset " + s.dataset(), e);
        }
        return out;
    }

    private String fileList(List<DataFile> files) {
        return files.stream()
                .map(f -> "'"
                        + lake.lakeRoot().resolve(f.relativePath()).toString().replace("'", "''") + "'")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The SQL selecting a key column so that {@link #value} can read it. */
    private static String select(Types.NestedField c, String col) {
        return switch (c.type().typeId()) {
            case TIMESTAMP, TIME -> "epoch_us(" + col + ")";
            case UUID, DECIMAL -> "CAST(" + col + " AS VARCHAR)";
            default -> col;
        };
    }

    /** A key value as Iceberg's generic records hold it. */
    private static Object value(Type type, ResultSet rs, int column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return null;
        }
        return switch (type.typeId()) {
            case BOOLEAN -> rs.getBoolean(column);
            case INTEGER -> rs.getInt(column);
            case LONG -> rs.getLong(column);
            case DOUBLE -> rs.getDouble(column);
            case STRING -> rs.getString(column);
            case UUID -> UUID.fromString(rs.getString(column));
            case DECIMAL ->
                new BigDecimal(rs.getString(column))
                        .setScale(((Types.DecimalType) type).scale(), java.math.RoundingMode.UNNECESSARY);
            case DATE -> LocalDate.parse(rs.getString(column));
            case TIME -> java.time.LocalTime.ofNanoOfDay(rs.getLong(column) * 1000);
            case TIMESTAMP -> {
                long micros = rs.getLong(column);
                Instant t = Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
                yield ((Types.TimestampType) type).shouldAdjustToUTC()
                        ? t.atOffset(ZoneOffset.UTC)
                        : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
            }
            case BINARY -> java.nio.ByteBuffer.wrap(rs.getBytes(column));
            default ->
                throw new IllegalStateException(
                        "A key column of type " + type + " cannot be published as an Iceberg equality delete");
        };
    }

    @Override
    public void close() {
        iceberg.close();
    }

    /** A column's type changed in a way Iceberg cannot promote: the table must be rebuilt. */
    static final class SchemaNotPromotable extends RuntimeException {
        SchemaNotPromotable(String message) {
            super(message);
        }
    }
}

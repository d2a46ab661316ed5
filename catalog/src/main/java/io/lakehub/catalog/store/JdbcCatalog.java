package io.lakehub.catalog.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import io.lakehub.catalog.commit.ChangeFeed;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.CommitStatistics;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetChanges;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.DroppedDataset;
import io.lakehub.catalog.commit.FilesFingerprint;
import io.lakehub.catalog.commit.LineageRecord;
import io.lakehub.catalog.commit.SchemaVersion;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog in a relational database (H2 or PostgreSQL) reached through a HikariCP pool, its
 * tables created and upgraded by Flyway on {@link #open}. Thread-safe; several processes may share
 * one PostgreSQL catalog, because commits of one dataset are serialised by its row lock in the
 * database. Commits queue their audit events; a background {@link AuditSequencer} (one thread per
 * opened catalog, stopped by {@link #close()}) and every read of the journal chain them (ADR 0042).
 *
 * <p>How {@link #commit} behaves beyond the {@link Catalog} contract:
 *
 * <ul>
 *   <li>the request's schema is merged once more into the dataset's current schema (without
 *       widening to string), so a writer that merged against an older version keeps the other
 *       writer's columns; a type that no longer fits is a {@link
 *       io.lakehub.catalog.commit.CommitConflictException}. The change lines recorded with a new
 *       schema version come from that merge, so they describe the step from the version actually
 *       preceding it (they equal the request's lines when no other writer intervened);
 *   <li>a lineage content hash already committed to the dataset is refused with {@link
 *       io.lakehub.catalog.commit.DuplicateCommitException}, atomically with the check, so two
 *       deliveries of one file racing each other commit once;
 *   <li>a path the catalog already records is never deleted by a failed commit;
 *   <li>malformed requests (paths outside the dataset's folder, an append without files) throw
 *       {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>All times are stored as microseconds since the epoch (UTC).
 */
public final class JdbcCatalog implements Catalog {
    private static final Logger log = LoggerFactory.getLogger(JdbcCatalog.class);

    private static final String DATASET_INFO_SELECT = "SELECT d.name, d.schema_version, d.current_snapshot_id,"
            + " d.created_at, d.updated_at, sv.schema_json, s.total_rows, s.total_files, s.total_bytes, d.key_columns"
            + " FROM dataset d"
            + " LEFT JOIN schema_version sv ON sv.dataset_id = d.id AND sv.version = d.schema_version"
            + " LEFT JOIN snapshot s ON s.id = d.current_snapshot_id";

    private static final String SNAPSHOT_COLUMNS = "s.id, d.name, s.parent_id, s.operation, s.schema_version,"
            + " s.added_rows, s.total_rows, s.added_files, s.committed_at, s.actor, s.properties_json,"
            + " s.inserted_rows, s.updated_rows, s.deleted_rows";

    private static final String LINEAGE_COLUMNS = "l.snapshot_id, d.name, l.source_system, l.source_uri,"
            + " l.pipeline, l.recorded_at, l.row_count, l.content_hash";

    private final CatalogSettings settings;
    private final HikariDataSource pool;
    private final Transactions tx;
    private final CommitWriter commits;
    private final JdbcAuditJournal audit;
    private final AuditSequencer sequencer;
    private final OrphanSweeper sweeper;
    private final RemovedFileExpiry expiry;
    private final ChangeFeed changes = new ChangeFeed();
    private final DatasetDropper dropper;
    private final JdbcErasureLedger erasures;
    private final Clock clock;

    private JdbcCatalog(CatalogSettings settings, HikariDataSource pool, Clock clock, Duration sequencerInterval) {
        this.settings = settings;
        this.pool = pool;
        this.tx = new Transactions(pool);
        this.commits = new CommitWriter(tx, settings.lakeRoot(), clock);
        this.sequencer = new AuditSequencer(tx, sequencerInterval, settings.isPostgres());
        this.audit = new JdbcAuditJournal(tx, clock, sequencer);
        this.sweeper = new OrphanSweeper(tx, settings.lakeRoot(), clock);
        this.dropper = new DatasetDropper(tx, settings.lakeRoot(), clock);
        this.expiry = new RemovedFileExpiry(tx, settings.lakeRoot(), clock);
        this.erasures = new JdbcErasureLedger(tx, clock, changes::publish);
        this.clock = clock;
    }

    /**
     * System property ({@code true}/{@code false}, default false): a process that opens the catalog
     * briefly (a CLI command) skips starting Flyway when the schema history already lists exactly
     * the bundled migrations, all successful ({@code MigrationState}). Flyway's start is a large part
     * of such a command's time. The hub does not set it, so each hub start still runs Flyway with
     * its checksum validation; any doubt (pending, failed or unknown migrations) runs Flyway too.
     */
    public static final String QUICK_OPEN_PROPERTY = "io.lakehub.catalog.quickOpen";

    /**
     * Connects, brings the catalog tables up to date (Flyway), creates the lake folder and checks
     * that the lake belongs to this catalog ({@code LakeBinding}, ADR 0035).
     *
     * @throws CatalogUnavailableException when the database cannot be reached or upgraded
     * @throws LakeMismatchException when the lake belongs to another catalog
     */
    public static JdbcCatalog open(CatalogSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    static JdbcCatalog open(CatalogSettings settings, Clock clock) {
        return open(settings, clock, SEQUENCER_INTERVAL);
    }

    /**
     * How often each opened catalog chains the audit events commits queued (ADR 0042). Readers of
     * the journal chain first anyway; this bounds how long an event stays queued while nobody
     * reads. Each round that finds events is a transaction with its own WAL flush, about what a
     * commit costs: at 100 ms four hubs spent a large share of a loaded machine on chaining, so one
     * round a second per hub (one indexed read when idle).
     */
    static final Duration SEQUENCER_INTERVAL = Duration.ofSeconds(1);

    /**
     * @param sequencerInterval how often the background audit sequencer runs; {@code null} runs
     *     none and leaves queued events at {@link #close()} (tests of a crash before chaining)
     */
    static JdbcCatalog open(CatalogSettings settings, Clock clock, Duration sequencerInterval) {
        try {
            Files.createDirectories(settings.lakeRoot());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(
                    "Could not create the lake folder " + settings.lakeRoot() + "; check its parent's permissions", e);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(settings));
        } catch (RuntimeException e) {
            throw new CatalogUnavailableException(
                    "Could not connect to the catalog database " + settings.redactedUrl() + " as user '"
                            + settings.username() + "': " + rootMessage(e, true),
                    e);
        }
        try {
            migrate(pool, settings);
            // Every entry point (hub, CLI, tests) opens here: none may read or write a lake that
            // belongs to another catalog (ADR 0035).
            LakeBinding.check(new Transactions(pool), settings.lakeRoot(), settings.redactedUrl(), clock);
            return new JdbcCatalog(settings, pool, clock, sequencerInterval);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariConfig poolConfig(CatalogSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lakehub-catalog");
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        // A commit waiting longer than this for a connection fails with "nothing was committed".
        config.setConnectionTimeout(Duration.ofSeconds(15).toMillis());
        if (settings.isPostgres()) {
            config.addDataSourceProperty("ApplicationName", "lakehub");
            // Statistics rows go in as multi-row INSERTs instead of one round trip each.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // Server error details quote row values ("Key (x)=(...)"); they must not reach messages or logs.
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        return config;
    }

    /**
     * One lock per catalog URL, so that openers in one JVM (a hub's start racing a CLI command in
     * tests, or several catalogs opened at once) migrate one after the other. Flyway locks its
     * history table, but two openers of a fresh database can both try to create that table first.
     */
    private static final Map<String, Object> MIGRATION_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    /** How often a migration that lost a race with another opener (another process) is retried. */
    private static final int MIGRATION_ATTEMPTS = 3;

    private static void migrate(DataSource dataSource, CatalogSettings settings) {
        if (Boolean.getBoolean(QUICK_OPEN_PROPERTY) && MigrationState.isCurrent(dataSource)) {
            return; // a short-lived command on a current catalog: nothing for Flyway to do (ADR 0018)
        }
        synchronized (MIGRATION_LOCKS.computeIfAbsent(settings.jdbcUrl(), url -> new Object())) {
            for (int attempt = 1; ; attempt++) {
                try {
                    var result = Flyway.configure()
                            .dataSource(dataSource)
                            .locations("classpath:db/migration")
                            .failOnMissingLocations(true)
                            .load()
                            .migrate();
                    if (result.migrationsExecuted > 0) {
                        log.info(
                                "Catalog database {} migrated to schema version {}",
                                settings.redactedUrl(),
                                result.targetSchemaVersion);
                    }
                    return;
                } catch (FlywayException e) {
                    if (attempt < MIGRATION_ATTEMPTS && lostCreationRace(e)) {
                        // Another process created the history table (or a table) between Flyway's
                        // check and its own CREATE; its migration ran in a transaction, so trying
                        // again sees either nothing or the finished tables.
                        log.info(
                                "Another process was creating the catalog tables in {} at the same time; trying again (attempt {} of {})",
                                settings.redactedUrl(),
                                attempt + 1,
                                MIGRATION_ATTEMPTS);
                        continue;
                    }
                    throw new CatalogUnavailableException(
                            "Could not create or upgrade the catalog tables in " + settings.redactedUrl()
                                    + "; the catalog was not opened and nothing was changed by the hub: "
                                    + rootMessage(e, false),
                            e);
                }
            }
        }
    }

    /** A unique-key violation or "table already exists": what two openers of a fresh database race into. */
    private static boolean lostCreationRace(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("23505") || state.equals("42S01") || state.equals("42P07") || state.equals("23000")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The innermost cause's message. Only failures to connect may be quoted in full: their text
     * names a host, file or user. A failed migration might quote rows, so it is shown by SQLState.
     */
    private static String rootMessage(Throwable e, boolean connecting) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!connecting && root instanceof SQLException sql) {
            return SqlErrors.describe(sql);
        }
        return String.valueOf(root.getMessage());
    }

    /** The commit transaction's writer, for tests in this package. */
    CommitWriter commitWriter() {
        return commits;
    }

    public CatalogSettings settings() {
        return settings;
    }

    @Override
    public Path lakeRoot() {
        return settings.lakeRoot();
    }

    @Override
    public Path datasetDir(DatasetName dataset) {
        return settings.lakeRoot().resolve(dataset.value());
    }

    @Override
    public List<DatasetInfo> datasets() {
        return tx.read("the datasets", c -> {
            try (PreparedStatement ps = c.prepareStatement(DATASET_INFO_SELECT + " ORDER BY d.name");
                    ResultSet rs = ps.executeQuery()) {
                List<DatasetInfo> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(datasetInfo(rs));
                }
                return all;
            }
        });
    }

    @Override
    public Optional<DatasetInfo> dataset(DatasetName dataset) {
        return tx.read("dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement(DATASET_INFO_SELECT + " WHERE d.name = ?")) {
                ps.setString(1, dataset.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(datasetInfo(rs)) : Optional.empty();
                }
            }
        });
    }

    private static DatasetInfo datasetInfo(ResultSet rs) throws SQLException {
        String schemaJson = rs.getString(6);
        return new DatasetInfo(
                rs.getString(1),
                schemaJson == null ? new LakeSchema(List.of()) : CatalogJson.schema(schemaJson),
                rs.getInt(2),
                nullableLong(rs, 3),
                rs.getLong(7),
                rs.getLong(8),
                rs.getLong(9),
                EpochMicros.toInstant(rs.getLong(4)),
                EpochMicros.toInstant(rs.getLong(5)),
                rs.getString(10) == null ? List.of() : CatalogJson.stringList(rs.getString(10)));
    }

    @Override
    public List<Snapshot> snapshots(DatasetName dataset) {
        return tx.read("the snapshots of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS
                    + " FROM snapshot s JOIN dataset d ON d.id = s.dataset_id WHERE d.name = ? ORDER BY s.id DESC")) {
                ps.setString(1, dataset.value());
                try (ResultSet rs = ps.executeQuery()) {
                    List<Snapshot> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(snapshot(rs));
                    }
                    return all;
                }
            }
        });
    }

    private static Snapshot snapshot(ResultSet rs) throws SQLException {
        return new Snapshot(
                rs.getLong(1),
                rs.getString(2),
                nullableLong(rs, 3),
                rs.getString(4),
                rs.getInt(5),
                rs.getLong(6),
                rs.getLong(7),
                rs.getInt(8),
                EpochMicros.toInstant(rs.getLong(9)),
                rs.getString(10),
                CatalogJson.properties(rs.getString(11)),
                rs.getLong(12),
                rs.getLong(13),
                rs.getLong(14));
    }

    /**
     * Three indexed range reads (ADR 0054): the snapshots by id, the files by the snapshot that added
     * them, the earlier files by the snapshot that removed them. Nothing older than {@code after} is
     * read, so a publish after a second of commits costs the same in a dataset of a day's commits.
     */
    @Override
    public Optional<DatasetChanges> changesBetween(DatasetName dataset, long after, long upTo) {
        return tx.read("the changes of dataset '" + dataset + "' after snapshot " + after, c -> {
            List<Snapshot> snapshots = new ArrayList<>();
            int versionAfter = -1;
            long datasetId;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + ", s.dataset_id"
                    + " FROM snapshot s JOIN dataset d ON d.id = s.dataset_id WHERE d.name = ? AND s.id >= ?"
                    + " AND s.id <= ? ORDER BY s.id")) {
                ps.setString(1, dataset.value());
                ps.setLong(2, after);
                ps.setLong(3, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) != after) {
                        return Optional.<DatasetChanges>empty();
                    }
                    versionAfter = rs.getInt(5);
                    datasetId = rs.getLong(15);
                    while (rs.next()) {
                        snapshots.add(snapshot(rs));
                    }
                }
            }
            List<DataFile> added = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.relative_path, f.row_count, f.size_bytes,"
                    + " f.added_snapshot_id, f.removed_snapshot_id, f.stats_json, f.content FROM data_file f"
                    + " WHERE f.added_snapshot_id > ? AND f.added_snapshot_id <= ? AND f.dataset_id = ?"
                    + " AND (f.removed_snapshot_id IS NULL OR f.removed_snapshot_id > ?) ORDER BY f.id")) {
                ps.setLong(1, after);
                ps.setLong(2, upTo);
                ps.setLong(3, datasetId);
                ps.setLong(4, upTo);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        added.add(dataFile(rs, dataset));
                    }
                }
            }
            long removedEarlier;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM data_file f WHERE f.dataset_id = ?"
                    + " AND f.removed_snapshot_id > ? AND f.removed_snapshot_id <= ? AND f.added_snapshot_id <= ?")) {
                ps.setLong(1, datasetId);
                ps.setLong(2, after);
                ps.setLong(3, upTo);
                ps.setLong(4, after);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    removedEarlier = rs.getLong(1);
                }
            }
            return Optional.of(new DatasetChanges(after, upTo, snapshots, versionAfter, added, removedEarlier));
        });
    }

    @Override
    public Optional<FilesFingerprint> filesFingerprint(DatasetName dataset, long snapshotId) {
        return tx.read("the files fingerprint of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(f.id), 0),"
                    + " coalesce(sum(f.row_count), 0), coalesce(sum(f.size_bytes), 0) FROM data_file f"
                    + " WHERE f.dataset_id = (SELECT id FROM dataset WHERE name = ?) AND f.added_snapshot_id <= ?"
                    + " AND (f.removed_snapshot_id IS NULL OR f.removed_snapshot_id > ?)")) {
                ps.setString(1, dataset.value());
                ps.setLong(2, snapshotId);
                ps.setLong(3, snapshotId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(
                            new FilesFingerprint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
        });
    }

    /** Oldest first: version 1, 2, ... */
    @Override
    public List<SchemaVersion> schemaVersions(DatasetName dataset) {
        return tx.read("the schema versions of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sv.version, sv.schema_json, sv.changes_json,"
                    + " sv.created_at FROM schema_version sv JOIN dataset d ON d.id = sv.dataset_id"
                    + " WHERE d.name = ? ORDER BY sv.version")) {
                ps.setString(1, dataset.value());
                try (ResultSet rs = ps.executeQuery()) {
                    List<SchemaVersion> all = new ArrayList<>();
                    while (rs.next()) {
                        all.add(new SchemaVersion(
                                rs.getInt(1),
                                CatalogJson.schema(rs.getString(2)),
                                CatalogJson.stringList(rs.getString(3)),
                                EpochMicros.toInstant(rs.getLong(4))));
                    }
                    return all;
                }
            }
        });
    }

    @Override
    public List<io.lakehub.catalog.commit.ColumnClassification> columnClassifications(DatasetName dataset) {
        return tx.read(
                "the column classifications of dataset '" + dataset + "'",
                c -> ClassificationRows.newest(c, dataset.value()));
    }

    @Override
    public List<LineageRecord> lineage(DatasetName dataset) {
        return tx.read("the lineage of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LINEAGE_COLUMNS
                    + " FROM lineage l JOIN dataset d ON d.id = l.dataset_id WHERE d.name = ?"
                    + " ORDER BY l.snapshot_id DESC")) {
                ps.setString(1, dataset.value());
                return lineageRecords(ps);
            }
        });
    }

    @Override
    public Optional<LineageRecord> findByContentHash(DatasetName dataset, String contentHash) {
        if (contentHash == null) {
            return Optional.empty();
        }
        return tx.read("the lineage of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LINEAGE_COLUMNS
                    + " FROM lineage l JOIN dataset d ON d.id = l.dataset_id WHERE d.name = ? AND l.content_hash = ?"
                    + " ORDER BY l.snapshot_id LIMIT 1")) {
                ps.setString(1, dataset.value());
                ps.setString(2, contentHash);
                return lineageRecords(ps).stream().findFirst();
            }
        });
    }

    private static List<LineageRecord> lineageRecords(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<LineageRecord> all = new ArrayList<>();
            while (rs.next()) {
                all.add(new LineageRecord(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        EpochMicros.toInstant(rs.getLong(6)),
                        rs.getLong(7),
                        rs.getString(8)));
            }
            return all;
        }
    }

    /**
     * Reads the current snapshot id first and then the files live in exactly that snapshot, so a
     * commit landing in between cannot mix two snapshots' files.
     */
    @Override
    public List<DataFile> liveFiles(DatasetName dataset) {
        return tx.read("the files of dataset '" + dataset + "'", c -> {
            long datasetId;
            long snapshotId;
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT id, current_snapshot_id FROM dataset WHERE name = ?")) {
                ps.setString(1, dataset.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return List.of();
                    }
                    datasetId = rs.getLong(1);
                    snapshotId = rs.getLong(2);
                    if (rs.wasNull()) {
                        return List.of();
                    }
                }
            }
            return liveFiles(c, dataset, datasetId, snapshotId);
        });
    }

    private static final String LIVE_AT = " f.dataset_id = ? AND f.added_snapshot_id <= ?"
            + " AND (f.removed_snapshot_id IS NULL OR f.removed_snapshot_id > ?)";

    private static List<DataFile> liveFiles(Connection c, DatasetName dataset, long datasetId, long snapshotId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT f.id, f.relative_path, f.row_count, f.size_bytes,"
                + " f.added_snapshot_id, f.removed_snapshot_id, f.stats_json, f.content FROM data_file f WHERE"
                + LIVE_AT
                + " ORDER BY f.id")) {
            bindLiveAt(ps, datasetId, snapshotId);
            try (ResultSet rs = ps.executeQuery()) {
                List<DataFile> files = new ArrayList<>();
                while (rs.next()) {
                    files.add(dataFile(rs, dataset));
                }
                return List.copyOf(files);
            }
        }
    }

    /** A file from the columns id, relative_path, row_count, size_bytes, added, removed, stats, content. */
    private static DataFile dataFile(ResultSet rs, DatasetName dataset) throws SQLException {
        return new DataFile(
                rs.getLong(1),
                dataset.value(),
                rs.getString(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                nullableLong(rs, 6),
                CatalogJson.stats(rs.getString(7)),
                DataFile.Content.valueOf(rs.getString(8)));
    }

    private static void bindLiveAt(PreparedStatement ps, long datasetId, long snapshotId) throws SQLException {
        ps.setLong(1, datasetId);
        ps.setLong(2, snapshotId);
        ps.setLong(3, snapshotId);
    }

    @Override
    public Map<String, Long> currentSnapshotIds() {
        return tx.read("the current snapshots", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT name, current_snapshot_id FROM dataset WHERE current_snapshot_id IS NOT NULL");
                    ResultSet rs = ps.executeQuery()) {
                Map<String, Long> ids = new HashMap<>();
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
                return Map.copyOf(ids);
            }
        });
    }

    /**
     * Commits, then tells the change feed's listeners and observers (after the transaction, never
     * undoing it); a failed commit is reported to the observers before it is thrown.
     */
    @Override
    public Snapshot commit(CommitRequest request) {
        long start = System.nanoTime();
        List<Snapshot> snapshots;
        try {
            snapshots = commits.commitAll(request);
        } catch (RuntimeException e) {
            changes.failed(
                    request.dataset().value(),
                    request.operation().name(),
                    Duration.ofNanos(System.nanoTime() - start),
                    e);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Snapshot snapshot = snapshots.get(0);
        changes.publish(new DatasetChange(snapshot.dataset(), snapshot.id(), snapshot.operation()));
        changes.measured(CommitStatistics.of(request, snapshot, took));
        if (snapshots.size() > 1) {
            Snapshot companion = snapshots.get(1);
            changes.publish(new DatasetChange(companion.dataset(), companion.id(), companion.operation()));
            changes.measured(CommitStatistics.of(request.companion(), companion, took));
        }
        return snapshot;
    }

    @Override
    public io.lakehub.catalog.erasure.ErasureLedger erasures() {
        return erasures;
    }

    @Override
    public List<io.lakehub.catalog.erasure.PendingErasure> pendingErasures() {
        return erasures.pending();
    }

    @Override
    public Optional<String> sourcePosition(DatasetName dataset, String key) {
        return tx.read("the source position '" + key + "' of dataset '" + dataset + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT p.property_value FROM source_position p"
                    + " JOIN dataset d ON d.id = p.dataset_id WHERE d.name = ? AND p.property_key = ?")) {
                ps.setString(1, dataset.value());
                ps.setString(2, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Map<String, io.lakehub.catalog.commit.IdempotencyKeys.Remembered> rememberedKeys(
            DatasetName dataset, String scope, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        long now = EpochMicros.now(clock);
        return tx.read("the idempotency keys of dataset '" + dataset + "'", c -> {
            Long datasetId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dataset WHERE name = ?")) {
                ps.setString(1, dataset.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        datasetId = rs.getLong(1);
                    }
                }
            }
            if (datasetId == null) {
                return Map.of();
            }
            return IdempotencyKeyRows.find(c, datasetId, scope, keys, now);
        });
    }

    @Override
    public ChangeFeed changes() {
        return changes;
    }

    @Override
    public Optional<DroppedDataset> drop(DatasetName dataset, String actor) {
        Optional<DroppedDataset> dropped = dropper.drop(dataset, actor);
        dropped.ifPresent(d -> changes.publish(new DatasetChange(d.name(), 0L, DatasetChange.DROP)));
        return dropped;
    }

    @Override
    public AuditJournal audit() {
        return audit;
    }

    @Override
    public io.lakehub.catalog.views.ViewStore views() {
        return new io.lakehub.catalog.views.JdbcViewStore(pool);
    }

    @Override
    public io.lakehub.catalog.vectors.VectorIndexStore vectorIndexes() {
        return new io.lakehub.catalog.vectors.JdbcVectorIndexStore(pool);
    }

    @Override
    public io.lakehub.catalog.profiles.ProfileStore searchProfiles() {
        return new io.lakehub.catalog.profiles.JdbcProfileStore(pool);
    }

    @Override
    public io.lakehub.catalog.vectors.TuningJournal tuningJournal() {
        return new io.lakehub.catalog.vectors.JdbcTuningJournal(pool);
    }

    @Override
    public int sweepOrphans(Duration grace) {
        return sweeper.sweep(grace, SweepProgress.NONE);
    }

    @Override
    public int sweepOrphans(Duration grace, SweepProgress progress) {
        return sweeper.sweep(grace, progress == null ? SweepProgress.NONE : progress);
    }

    @Override
    public int expireRemovedFiles(Duration grace) {
        return expiry.expire(grace);
    }

    /**
     * Stops the background audit sequencer, chains the events still queued (best effort: what
     * fails stays queued for the next reader or hub) and closes the pool; with the embedded H2 that
     * also closes the database file.
     */
    @Override
    public void close() {
        try {
            sequencer.close();
        } finally {
            pool.close();
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}

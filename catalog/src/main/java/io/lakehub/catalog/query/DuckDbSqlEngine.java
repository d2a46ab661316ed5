package io.lakehub.catalog.query;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.ChangeFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBScalarFunctionBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only SQL over the lake with an in-process, in-memory DuckDB.
 *
 * <p>Each dataset is a view named like the dataset over its current snapshot's Parquet files, cast
 * to the dataset's current schema; {@code lakehub_audit} mirrors the audit journal. Before each
 * query the views of datasets whose snapshot changed are rebuilt and new audit events copied in,
 * under one lock; queries themselves run concurrently, each on its own connection to the one DuckDB
 * instance. The engine consumes the catalog's {@link io.lakehub.catalog.commit.ChangeFeed change
 * feed}: a commit made through the same catalog marks its dataset's view for rebuilding, and a
 * cheap check of the catalog's current snapshots (every query, or every {@link
 * QuerySettings#viewCheckInterval()}) catches commits made by other processes.
 *
 * <p>Two independent walls keep the SQL surface safe. {@link SqlGuard} admits only a single
 * read-only query statement, decided by DuckDB's parser. DuckDB's own configuration confines file
 * access to the lake folder ({@code allowed_directories} with {@code enable_external_access=false}),
 * turns off extension installing and autoloading, and is then locked, so no statement can loosen it.
 * Parquet and JSON support are statically linked into the DuckDB driver; the engine checks that at
 * start, so nothing is ever downloaded.
 */
public final class DuckDbSqlEngine implements SqlEngine {

    private static final Logger log = LoggerFactory.getLogger(DuckDbSqlEngine.class);

    /** Extensions the views and {@code lakehub_audit} need; they must be built into the driver. */
    private static final Set<String> BUILT_IN_EXTENSIONS = Set.of("parquet", "json");

    private final QuerySettings settings;
    private final Path spillDir;
    private final DuckDBConnection root;
    private final LakeViews views;
    private final AuditMirror audit;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private final ChangeFeed.Subscription feedSubscription;
    private volatile boolean closed;

    public DuckDbSqlEngine(Catalog catalog) {
        this(catalog, QuerySettings.defaults());
    }

    /**
     * Starts DuckDB and locks it down; the first query builds the views.
     *
     * @throws LakehubException when DuckDB cannot be started or configured
     */
    public DuckDbSqlEngine(Catalog catalog, QuerySettings settings) {
        Objects.requireNonNull(catalog, "catalog");
        this.settings = Objects.requireNonNull(settings, "settings");
        Path lakeRoot = catalog.lakeRoot().toAbsolutePath().normalize();
        try {
            // A private spill folder: DuckDB adds its temp directory to the allowed directories,
            // so it must not be a shared one such as the working directory.
            this.spillDir = Files.createTempDirectory("lakehub-duckdb-");
        } catch (IOException e) {
            throw new LakehubException(
                    "The SQL engine could not create its temporary folder under " + System.getProperty("java.io.tmpdir")
                            + ": " + e.getMessage(),
                    e);
        }
        DuckDBConnection connection = null;
        try {
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            this.root = connection;
            this.views = new LakeViews(
                    catalog, lakeRoot, connection, settings.viewCheckInterval(), settings.mergedRowsLimit());
            this.audit = new AuditMirror(connection, catalog.audit());
            configure(connection, lakeRoot);
            this.feedSubscription = catalog.changes().subscribe(views::changed);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            deleteSpillDir(spillDir);
            if (e instanceof LakehubException le) {
                throw le;
            }
            throw new LakehubException(
                    "The SQL engine could not start DuckDB: " + DuckDbErrors.clean(e.getMessage()), e);
        }
        log.info(
                "SQL engine ready over lake {} (max rows {}, threads {}, memory limit {})",
                lakeRoot,
                settings.maxRows(),
                settings.threads() == 0 ? "default" : settings.threads(),
                settings.memoryLimit() == null ? "default" : settings.memoryLimit());
    }

    private void configure(DuckDBConnection connection, Path lakeRoot) throws SQLException {
        try (Statement st = connection.createStatement()) {
            // Before file access is closed: listing extensions also looks at the extension folder.
            requireBuiltInExtensions(st);
            if (settings.threads() > 0) {
                st.execute("SET threads = " + settings.threads());
            }
            if (settings.memoryLimit() != null) {
                st.execute("SET memory_limit = " + ViewSql.literal(settings.memoryLimit()));
            }
            st.execute("SET temp_directory = " + ViewSql.literal(spillDir.toString()));
            // The lake stores instants in UTC; results and date functions do not depend on the host.
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET autoinstall_known_extensions = false");
            st.execute("SET autoload_known_extensions = false");
            st.execute("SET allow_community_extensions = false");
            // The trailing separator matters: without it '/data/lake' would also allow '/data/lake2'.
            st.execute("SET allowed_directories = [" + ViewSql.literal(lakeRoot + "/") + "]");
            st.execute("SET enable_external_access = false");
            audit.createTable();
            st.execute("SET lock_configuration = true");
        }
    }

    private static void requireBuiltInExtensions(Statement st) throws SQLException {
        Set<String> loaded = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT extension_name FROM duckdb_extensions() WHERE loaded")) {
            while (rs.next()) {
                loaded.add(rs.getString(1));
            }
        }
        if (!loaded.containsAll(BUILT_IN_EXTENSIONS)) {
            throw new LakehubException("The DuckDB driver lacks built-in " + BUILT_IN_EXTENSIONS
                    + " support (loaded: " + loaded + "); the hub never downloads extensions. Use the"
                    + " duckdb_jdbc build the hub ships with.");
        }
    }

    @Override
    public QueryResult query(String sql) {
        if (closed) {
            throw new IllegalStateException("The SQL engine is closed");
        }
        try (DuckDBConnection connection = root.duplicate()) {
            String admitted = SqlGuard.admit(connection, sql);
            refresh();
            for (int attempt = 1; ; attempt++) {
                try (Statement st = connection.createStatement();
                        ResultSet rs = st.executeQuery(admitted)) {
                    return ResultReader.read(rs, settings.maxRows());
                } catch (SQLException e) {
                    if (attempt >= REPLACED_FILE_ATTEMPTS || !readAReplacedFile(e)) {
                        throw e;
                    }
                    // An erasure rewrites a file in place (temp file, then an atomic rename over the
                    // path, ADR 0031): a query that read the old file's footer and then the new file's
                    // bytes fails. The query only reads (the guard admits nothing else), so running
                    // it again, over the complete new file, is safe.
                }
            }
        } catch (SQLException e) {
            throw DuckDbErrors.map(e);
        }
    }

    /** How often a query is run when a lake file was replaced under it (see {@link #readAReplacedFile}). */
    private static final int REPLACED_FILE_ATTEMPTS = 3;

    /**
     * Whether DuckDB failed because a Parquet file changed while it read it: the footer it read
     * earlier names bytes the file no longer has, or no longer in that place.
     */
    static boolean readAReplacedFile(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains(".parquet")
                && (message.contains("Could not read enough bytes")
                        || message.contains("No magic bytes found")
                        || message.contains("too small to be a Parquet file"));
    }

    @Override
    public Optional<SqlReferences> references(String sql) {
        if (closed) {
            throw new IllegalStateException("The SQL engine is closed");
        }
        try (DuckDBConnection connection = root.duplicate()) {
            String admitted = SqlGuard.admit(connection, sql);
            return Optional.of(ReferenceFinder.find(SqlGuard.tree(connection, admitted)));
        } catch (SQLException e) {
            throw DuckDbErrors.map(e);
        }
    }

    @Override
    public void defineView(String name, String select) {
        refreshLock.lock();
        try (Statement st = root.createStatement()) {
            views.refresh(); // the view binds against the datasets' views, which must exist
            st.execute("CREATE OR REPLACE VIEW " + ViewSql.identifier(name) + " AS " + select);
        } catch (SQLException e) {
            throw new QueryFailedException(
                    "DuckDB refused the view " + name + ": " + DuckDbErrors.firstLine(e)
                            + ". The view was not created.",
                    e);
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public void dropView(String name) {
        refreshLock.lock();
        try (Statement st = root.createStatement()) {
            st.execute("DROP VIEW IF EXISTS " + ViewSql.identifier(name));
        } catch (SQLException e) {
            throw new QueryFailedException(
                    "DuckDB could not drop the view " + name + ": " + DuckDbErrors.firstLine(e) + ".", e);
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public void registerFunction(String name, UnaryOperator<String> function) {
        refreshLock.lock();
        try (DuckDBScalarFunctionBuilder builder = DuckDBFunctions.scalarFunction()) {
            builder.withName(name)
                    .withParameter(String.class)
                    .withReturnType(String.class)
                    .withFunction(function)
                    .withNullInNullOut()
                    .register(root);
        } catch (SQLException e) {
            throw new LakehubException(
                    "The SQL function " + name + " could not be registered: " + DuckDbErrors.clean(e.getMessage()), e);
        } finally {
            refreshLock.unlock();
        }
    }

    private void refresh() {
        refreshLock.lock();
        try {
            views.refresh();
            audit.sync();
        } catch (SQLException e) {
            throw new QueryFailedException(
                    "The dataset views could not be brought up to date: " + DuckDbErrors.firstLine(e)
                            + ". Nothing was queried.",
                    e);
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public void close() {
        refreshLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                feedSubscription.close();
                root.close();
            } finally {
                deleteSpillDir(spillDir);
            }
        } catch (SQLException e) {
            throw new LakehubException("Closing DuckDB failed: " + DuckDbErrors.clean(e.getMessage()), e);
        } finally {
            refreshLock.unlock();
        }
    }

    private static void closeQuietly(DuckDBConnection connection, Exception failure) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static void deleteSpillDir(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete the SQL engine's temporary folder {}; it may be removed by hand.", dir, e);
        }
    }
}

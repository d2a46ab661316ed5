package io.lakehub.catalog.store;

import io.lakehub.catalog.commit.Redaction;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the catalog database and the lake live.
 *
 * @param jdbcUrl an H2 ({@code jdbc:h2:...}) or PostgreSQL ({@code jdbc:postgresql://...}) URL
 * @param username database user; may be empty for H2
 * @param password database password; may be empty; never logged nor shown by {@link #toString()}
 * @param lakeRoot folder holding the Parquet files, one sub-folder per dataset
 * @param maxPoolSize most connections the catalog keeps open
 */
public record CatalogSettings(String jdbcUrl, String username, String password, Path lakeRoot, int maxPoolSize) {

    /** Connections for the embedded default: a few concurrent commits plus the readers. */
    public static final int DEFAULT_POOL_SIZE = 4;

    /**
     * H2 options of the embedded catalog. DB_CLOSE_ON_EXIT=FALSE: the pool, not a JVM shutdown hook,
     * closes the database, so commits still in flight at shutdown can finish. WRITE_DELAY=0: a
     * commit reaches the file before it returns, so a killed process does not lose it (power loss
     * is outside what H2 promises). LOCK_TIMEOUT: commits to one dataset queue on its row lock
     * rather than failing after H2's default 2 s. QUERY_CACHE_SIZE: each pooled connection keeps
     * this many parsed statements; one commit runs about 15 distinct ones, so H2's default of 8
     * re-parsed (and re-planned) every statement of every commit (ADR 0033).
     */
    private static final String EMBEDDED_H2_OPTIONS =
            ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=128";

    public CatalogSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("The catalog database URL is empty; give a jdbc:h2: or"
                    + " jdbc:postgresql: URL, or use the embedded catalog.");
        }
        Objects.requireNonNull(lakeRoot, "lakeRoot");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException(
                    "The catalog connection pool needs at least 1 connection, not " + maxPoolSize + ".");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        lakeRoot = lakeRoot.toAbsolutePath().normalize();
    }

    /**
     * The default single-machine setup: an H2 database file at {@code <home>/catalog/lakehub} and
     * the lake at {@code <home>/lake}.
     */
    public static CatalogSettings embedded(Path home) {
        Path abs = home.toAbsolutePath().normalize();
        String dbPath = abs.resolve("catalog").resolve("lakehub").toString();
        if (dbPath.indexOf(';') >= 0) {
            // H2 would read everything after ';' as a setting.
            throw new IllegalArgumentException("The hub's home folder " + abs
                    + " contains ';', which H2 cannot take in a database path;" + " choose a home folder without ';'.");
        }
        // async: (H2's AsynchronousFileChannel file system) because a plain FileChannel is closed
        // by Thread.interrupt(), and H2 then closes the whole database. Interrupts are routine here:
        // Quartz, Camel and Spring interrupt their worker threads on shutdown and cancellation.
        return new CatalogSettings(
                "jdbc:h2:async:" + dbPath + EMBEDDED_H2_OPTIONS, "sa", "", abs.resolve("lake"), DEFAULT_POOL_SIZE);
    }

    /** The URL with any credentials in it masked, for messages and logs. */
    public String redactedUrl() {
        return Redaction.redactUri(jdbcUrl);
    }

    boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "CatalogSettings[jdbcUrl=" + redactedUrl() + ", username=" + username + ", password="
                + (password.isEmpty() ? "" : "***") + ", lakeRoot=" + lakeRoot + ", maxPoolSize=" + maxPoolSize
                + "]";
    }
}

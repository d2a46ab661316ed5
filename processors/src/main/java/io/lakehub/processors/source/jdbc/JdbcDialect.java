package io.lakehub.processors.source.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * What differs between the databases the poller reads: identifier quoting, how a connection
 * streams a result, and the clock the safety lag is measured on. Both accept row values, so the
 * keyset condition {@code (c1, c2) > (?, ?)} is written the same way on both.
 */
public enum JdbcDialect {
    /**
     * PostgreSQL (pgjdbc). Streams with a fetch size only inside a transaction: the connection runs
     * with autocommit off, read-only (PostgreSQL refuses writes in a read-only transaction).
     */
    POSTGRESQL('"'),
    /**
     * MySQL and MariaDB (MariaDB Connector/J; {@code jdbc:mysql:} URLs are accepted through its
     * {@code permitMysqlScheme}). Streams when a fetch size is set. {@code timezone=auto} makes
     * the session's time zone the JVM's, so TIMESTAMP columns (instants) convert correctly.
     */
    MARIADB('`');

    private final char quote;

    JdbcDialect(char quote) {
        this.quote = quote;
    }

    /** @throws IllegalArgumentException naming the supported URL prefixes */
    public static JdbcDialect of(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        int colon = u.indexOf(':', 5);
        throw new IllegalArgumentException(
                "'"
                        + (colon > 0 ? url.strip().substring(0, colon) : "(no jdbc: prefix)")
                        + "' is not a supported database; the poller reads jdbc:postgresql:, jdbc:mariadb: and jdbc:mysql: URLs");
    }

    /** The identifier quoted for this database (the quote character doubled inside). */
    String quote(String identifier) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * The URL handed to the driver: a {@code jdbc:mysql:} URL gets {@code permitMysqlScheme}, which
     * the MariaDB driver only looks for in the URL.
     */
    String connectionUrl(String url) {
        String u = url.strip();
        if (this == MARIADB
                && u.toLowerCase(Locale.ROOT).startsWith("jdbc:mysql:")
                && !u.contains("permitMysqlScheme")) {
            return u + (u.contains("?") ? "&" : "?") + "permitMysqlScheme";
        }
        return u;
    }

    /** Driver properties besides user and password. */
    Properties connectionProperties(String url) {
        Properties p = new Properties();
        // A database that does not answer fails the connection in 10 s rather than the drivers' 30 s or more.
        if (this == MARIADB) {
            p.setProperty("timezone", "auto");
            p.setProperty("connectTimeout", "10000");
        } else {
            p.setProperty("ApplicationName", "lakehub");
            p.setProperty("connectTimeout", "10");
        }
        return p;
    }

    /** Prepares a fresh connection for streaming reads. */
    void prepare(Connection connection) throws SQLException {
        connection.setReadOnly(true);
        if (this == POSTGRESQL) {
            connection.setAutoCommit(false);
        }
    }

    /** Ends the current read transaction (PostgreSQL), so no snapshot is held between pages. */
    void endRead(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** A query returning the database's current time as the type of the column (instant or local). */
    String nowQuery(boolean instant) {
        return switch (this) {
            case POSTGRESQL -> instant ? "SELECT CURRENT_TIMESTAMP" : "SELECT LOCALTIMESTAMP";
            case MARIADB -> "SELECT NOW(6)";
        };
    }

    /** How rows are limited: both databases write {@code LIMIT n}. */
    String limit(int rows) {
        return " LIMIT " + rows;
    }
}

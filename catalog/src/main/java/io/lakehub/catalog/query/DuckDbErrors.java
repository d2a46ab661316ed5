package io.lakehub.catalog.query;

import io.lakehub.catalog.LakehubException;
import java.sql.SQLException;

/**
 * Turns DuckDB's failures into the engine's exceptions: its permission checks become {@link
 * SqlRefusedException}, everything else a {@link QueryFailedException} carrying DuckDB's message.
 */
final class DuckDbErrors {

    /** What the JDBC driver puts in front of errors raised while a query executes. */
    private static final String PENDING_PREFIX =
            "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result";

    private DuckDbErrors() {}

    static LakehubException map(SQLException e) {
        String message = clean(e.getMessage());
        if (message.contains("Permission Error")) {
            if (message.contains("extension")) {
                return new SqlRefusedException(
                        "Extensions cannot be installed or loaded: parquet and json are"
                                + " built in, nothing else is available. DuckDB said: " + message,
                        e);
            }
            return new SqlRefusedException(
                    "Reading files outside the lake is not allowed: query the datasets by"
                            + " name (SHOW TABLES lists them). Nothing was read. DuckDB said: " + message,
                    e);
        }
        int hint = message.indexOf("Please try installing and loading the");
        if (message.startsWith("Catalog Error") && hint > 0) {
            // DuckDB suggests INSTALL/LOAD and SET commands that the hub refuses; do not send users there.
            return new SqlRefusedException(
                    message.substring(0, hint).strip() + " Extensions cannot be installed or"
                            + " loaded here; parquet and json are built in.",
                    e);
        }
        return new QueryFailedException(message, e);
    }

    /** DuckDB's message without the driver's generic prefix. */
    static String clean(String message) {
        if (message == null) {
            return "DuckDB failed without a message";
        }
        String m = message.strip();
        if (m.startsWith(PENDING_PREFIX)) {
            m = m.substring(PENDING_PREFIX.length()).strip();
            if (m.startsWith("Error:")) {
                m = m.substring("Error:".length()).strip();
            }
        }
        return m;
    }

    /** The first line of DuckDB's message, without the echo of a long statement that follows it. */
    static String firstLine(SQLException e) {
        String m = clean(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}

package io.lakehub.catalog.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/** JDBC batches whose callers need each statement's row count. */
final class Batches {
    private Batches() {}

    /**
     * Runs the statements added to {@code ps} as one batch (one round trip to the database where the
     * driver pipelines them, as PostgreSQL's does) and returns the rows each changed, in the order
     * they were added.
     *
     * @throws SQLException also when the driver reports a statement's count as unknown ({@link
     *     Statement#SUCCESS_NO_INFO}): callers decide insert-or-update on the counts, so an unknown
     *     count cannot be guessed (PostgreSQL and H2, the supported catalog databases, report them)
     */
    static int[] updateCounts(PreparedStatement ps) throws SQLException {
        int[] counts = ps.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                throw new SQLException("The catalog database's JDBC driver did not report how many rows statement "
                        + (i + 1) + " of a batch changed; the catalog needs the count to decide between update and"
                        + " insert. Nothing of this transaction was committed. Use PostgreSQL or H2 as the catalog"
                        + " database.");
            }
        }
        return counts;
    }
}

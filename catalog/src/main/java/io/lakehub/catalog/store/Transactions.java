package io.lakehub.catalog.store;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** Runs units of work on pooled connections: reads as they are, writes as retried transactions. */
final class Transactions {

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** How often a transaction that lost a race (deadlock, serialization failure) runs again. */
    static final int MAX_ATTEMPTS = 6;

    private final DataSource dataSource;

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Reads; a failure becomes {@link CatalogUnavailableException} naming {@code what}. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new CatalogUnavailableException(
                    "Could not read " + what + " from the catalog database (" + SqlErrors.describe(e)
                            + "). Nothing was changed.",
                    e);
        }
    }

    /**
     * Runs {@code work} in one transaction, again from the start when it lost a race with another
     * transaction; a lasting failure becomes {@link CatalogUnavailableException} saying that
     * nothing of {@code what} was recorded.
     */
    <T> T write(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                return inTransaction(c, work);
            } catch (SQLException e) {
                if (SqlErrors.isTransient(e) && attempt < MAX_ATTEMPTS) {
                    backoff(attempt);
                    continue;
                }
                throw new CatalogUnavailableException(
                        "The catalog database did not record " + what + " (" + SqlErrors.describe(e)
                                + "). Nothing was recorded.",
                        e);
            }
        }
    }

    /** Runs {@code work} and commits, or rolls back and rethrows. */
    static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollbackQuietly(c, e);
            throw e;
        }
    }

    static void rollbackQuietly(Connection c, Throwable primary) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailure) {
            // The pool discards a connection whose rollback failed; the primary failure is what matters.
            primary.addSuppressed(rollbackFailure);
        }
    }

    /** Waits a little, randomly, so that two writers that collided do not collide again. */
    static void backoff(int attempt) {
        long maxMillis = Math.min(200, 5L << attempt);
        try {
            TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(1, maxMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogUnavailableException(
                    "Interrupted while waiting to retry a catalog transaction. Nothing was recorded.", e);
        }
    }
}

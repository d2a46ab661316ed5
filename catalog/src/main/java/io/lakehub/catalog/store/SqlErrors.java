package io.lakehub.catalog.store;

import java.sql.SQLException;

/**
 * Sorts database failures into "try the transaction again" and the rest, for H2 and PostgreSQL,
 * and describes them without echoing statement text or values.
 */
final class SqlErrors {
    // H2 error codes (org.h2.api.ErrorCode) that mean "another transaction was in the way".
    private static final int H2_LOCK_TIMEOUT = 50200;
    private static final int H2_DEADLOCK = 40001;
    private static final int H2_CONCURRENT_UPDATE = 90131;

    private SqlErrors() {}

    /**
     * Serialization failures, deadlocks and lock timeouts: the transaction did nothing and may
     * simply run again. A unique-key violation counts too, because the only ones a well-formed
     * commit can hit come from a racing writer (two first commits of one dataset) and the next
     * attempt sees that writer's row.
     */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && isTransientOne(s)) {
                return true;
            }
        }
        for (SQLException next = e.getNextException(); next != null; next = next.getNextException()) {
            if (isTransientOne(next)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientOne(SQLException s) {
        String state = s.getSQLState();
        if (state != null) {
            if (state.equals("40001") || state.equals("40P01") || state.equals("23505") || state.equals("55P03")) {
                return true;
            }
        }
        int code = s.getErrorCode();
        return code == H2_LOCK_TIMEOUT || code == H2_DEADLOCK || code == H2_CONCURRENT_UPDATE;
    }

    /**
     * A short description for user-facing messages: SQLState and vendor code, plus the driver's
     * text only for failures to connect or log in (classes 08, 28, 3D, 57P), whose text names a
     * host, database or user and never a row value.
     */
    static String describe(SQLException e) {
        StringBuilder sb = new StringBuilder("SQLState ").append(e.getSQLState());
        if (e.getErrorCode() != 0) {
            sb.append(", code ").append(e.getErrorCode());
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        boolean quotable =
                state.startsWith("08") || state.startsWith("28") || state.startsWith("3D") || state.startsWith("57P");
        if (quotable && e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        return sb.toString();
    }
}

package io.lakehub.catalog.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The {@code lakehub_audit} table: a copy of the catalog's audit journal inside DuckDB, extended
 * with the events appended since the last query. Users only read it; the SQL guard refuses every
 * statement that could change it. Not thread-safe: the engine syncs under its lock.
 */
final class AuditMirror {

    static final String TABLE = "lakehub_audit";

    /** Events fetched from the journal per call, as the journal's API pages them. */
    static final int PAGE = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final DuckDBConnection connection;
    private final AuditJournal journal;
    private long lastSeq;

    AuditMirror(DuckDBConnection connection, AuditJournal journal) {
        this.connection = connection;
        this.journal = journal;
    }

    void createTable() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE " + TABLE + " (seq BIGINT NOT NULL, time TIMESTAMPTZ, actor VARCHAR,"
                    + " action VARCHAR, entity VARCHAR, details JSON, prev_hash VARCHAR, hash VARCHAR)");
        }
    }

    /** Appends the journal's events after the last one copied, each page in one transaction. */
    void sync() throws SQLException {
        while (true) {
            List<AuditEvent> page = journal.list(lastSeq, PAGE);
            if (page.isEmpty()) {
                return;
            }
            append(page);
            lastSeq = page.getLast().seq();
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private void append(List<AuditEvent> events) throws SQLException {
        connection.setAutoCommit(false);
        try (DuckDBAppender appender = connection.createAppender(TABLE)) {
            for (AuditEvent e : events) {
                appender.beginRow().append(e.seq());
                if (e.time() == null) {
                    appender.appendNull();
                } else {
                    appender.appendEpochMicros(epochMicros(e.time()));
                }
                text(appender, e.actor());
                text(appender, e.action());
                text(appender, e.entity());
                text(appender, asJson(e.details()));
                text(appender, e.prevHash());
                text(appender, e.hash());
                appender.endRow();
            }
            appender.flush();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * The details as JSON text. The journal promises a JSON object; should an event hold anything
     * else, it is kept verbatim as a JSON string rather than making the column unreadable.
     */
    static String asJson(String details) {
        if (details == null) {
            return null;
        }
        try {
            if (!details.isBlank()) {
                JSON.readTree(details);
                return details;
            }
        } catch (JsonProcessingException notJson) {
            // Falls through: stored as a JSON string, the text itself preserved.
        }
        try {
            return JSON.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Encoding a string as JSON cannot fail", e);
        }
    }

    private static void text(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }

    private static long epochMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}

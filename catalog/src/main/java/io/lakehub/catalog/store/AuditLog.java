package io.lakehub.catalog.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and appends audit events on a caller's connection, so that an append can be its own
 * transaction or part of a commit's transaction with the very same code.
 */
final class AuditLog {
    static final String COLUMNS = "seq, ts_micros, actor, action, entity, details, prev_hash, hash";

    private AuditLog() {}

    /**
     * Appends one event inside the caller's open transaction. Locks the chain head until that
     * transaction ends, which is what keeps concurrent appenders (threads or processes) on one
     * linear chain; callers therefore append as late in their transaction as they can.
     */
    static AuditEvent append(Connection c, AuditEntry entry, Clock clock) throws SQLException {
        String details = checkedDetails(entry);
        long lastSeq;
        String lastHash;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE")) {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The catalog's audit_head row is missing; the audit journal"
                            + " cannot be appended to. Nothing was recorded. Restore the catalog database"
                            + " from a backup or ask an administrator.");
                }
                lastSeq = rs.getLong(1);
                lastHash = rs.getString(2);
            }
        }
        long seq = lastSeq + 1;
        long ts = EpochMicros.now(clock);
        String hash = AuditHash.of(lastHash, seq, ts, entry.actor(), entry.action(), entry.entity(), details);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setLong(2, ts);
            ps.setString(3, entry.actor());
            ps.setString(4, entry.action());
            ps.setString(5, entry.entity());
            ps.setString(6, details);
            ps.setString(7, lastHash);
            ps.setString(8, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        return new AuditEvent(
                seq, EpochMicros.toInstant(ts), entry.actor(), entry.action(), entry.entity(), details, lastHash, hash);
    }

    static List<AuditEvent> list(Connection c, long afterSeq, int limit) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM audit_event WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit);
    }

    static List<AuditEvent> latest(Connection c, int limit) throws SQLException {
        // seq > 0 is every event; it keeps one parameter layout for both listings.
        return query(c, "SELECT " + COLUMNS + " FROM audit_event WHERE seq > ? ORDER BY seq DESC LIMIT ?", 0, limit);
    }

    private static List<AuditEvent> query(Connection c, String sql, long afterSeq, int limit) throws SQLException {
        if (limit < 0) {
            throw new IllegalArgumentException("An audit listing limit cannot be negative, got " + limit);
        }
        List<AuditEvent> events = new ArrayList<>(Math.min(limit, 1024));
        if (limit == 0) {
            return events;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterSeq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(event(rs));
                }
            }
        }
        return events;
    }

    /** Maps a row selected with {@link #COLUMNS}. */
    static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(
                rs.getLong(1),
                EpochMicros.toInstant(rs.getLong(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
    }

    private static String checkedDetails(AuditEntry entry) {
        require(entry.actor(), "actor", 200);
        require(entry.action(), "action", 100);
        require(entry.entity(), "entity", 1024);
        String details = entry.details() == null || entry.details().isBlank() ? "{}" : entry.details();
        JsonNode parsed;
        try {
            parsed = CatalogJson.MAPPER.readTree(details);
        } catch (JsonProcessingException e) {
            // Only the position is kept: the parser's own message quotes the offending text.
            throw new IllegalArgumentException("Audit event " + entry.action() + " on " + entry.entity()
                    + " has details that are not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "). Nothing was recorded.");
        }
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("Audit event " + entry.action() + " on " + entry.entity()
                    + " has details that are not a JSON object. Nothing was recorded.");
        }
        return details;
    }

    private static void require(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("An audit event needs a non-empty " + what + ". Nothing was recorded.");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("An audit event's " + what + " may have at most " + maxLength
                    + " characters, this one has " + value.length() + ". Nothing was recorded.");
        }
    }
}

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
 * Reads, appends and queues audit events on a caller's connection, so that an append can be its
 * own transaction or part of another transaction with the very same code.
 */
final class AuditLog {
    static final String COLUMNS = "seq, ts_micros, actor, action, entity, details, prev_hash, hash";

    private AuditLog() {}

    /**
     * Queues one event inside the caller's open transaction, to be chained by the {@link
     * AuditSequencer} once that transaction has committed (ADR 0042). Takes no lock any other
     * transaction needs: this is how commits record their events, so that commits of different
     * datasets never wait for each other. The event is as durable as the caller's transaction.
     */
    static void enqueue(Connection c, AuditEntry entry, Clock clock) throws SQLException {
        String details = checkedDetails(entry);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_pending (ts_micros, actor, action, entity, details) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, EpochMicros.now(clock));
            ps.setString(2, entry.actor());
            ps.setString(3, entry.action());
            ps.setString(4, entry.entity());
            ps.setString(5, details);
            ps.executeUpdate();
        }
    }

    /**
     * Appends one event inside the caller's open transaction and returns it as chained. Locks the
     * chain head until that transaction ends and first chains every queued event committed before
     * (so the journal stays in commit order), which keeps concurrent appenders (threads or
     * processes) on one linear chain; callers therefore append as late in their transaction as they
     * can. Commits {@link #enqueue queue} their events instead.
     */
    static AuditEvent append(Connection c, AuditEntry entry, Clock clock) throws SQLException {
        String details = checkedDetails(entry);
        AuditSequencer.Head head = AuditSequencer.lockHead(c);
        if (head == null) {
            throw new IllegalStateException("The catalog's audit_head row is missing; the audit journal"
                    + " cannot be appended to. Nothing was recorded. Restore the catalog database"
                    + " from a backup or ask an administrator.");
        }
        AuditSequencer.Chained done;
        do {
            done = AuditSequencer.chain(c, head, AuditSequencer.BATCH);
            head = done.head();
        } while (done.count() == AuditSequencer.BATCH);
        long seq = head.seq() + 1;
        String lastHash = head.hash();
        long ts = EpochMicros.now(clock);
        String hash = AuditHash.of(lastHash, seq, ts, entry.actor(), entry.action(), entry.entity(), details);
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO audit_event (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindEvent(ps, seq, ts, entry.actor(), entry.action(), entry.entity(), details, lastHash, hash);
            ps.executeUpdate();
        }
        AuditSequencer.writeHead(c, new AuditSequencer.Head(seq, hash));
        return new AuditEvent(
                seq, EpochMicros.toInstant(ts), entry.actor(), entry.action(), entry.entity(), details, lastHash, hash);
    }

    /** Binds an {@code INSERT INTO audit_event (COLUMNS)} statement's eight parameters. */
    static void bindEvent(
            PreparedStatement ps,
            long seq,
            long ts,
            String actor,
            String action,
            String entity,
            String details,
            String prevHash,
            String hash)
            throws SQLException {
        ps.setLong(1, seq);
        ps.setLong(2, ts);
        ps.setString(3, actor);
        ps.setString(4, action);
        ps.setString(5, entity);
        ps.setString(6, details);
        ps.setString(7, prevHash);
        ps.setString(8, hash);
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

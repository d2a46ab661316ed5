package io.lakehub.catalog.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains audit events that commits queued in {@code audit_pending} into the one hash chain in
 * {@code audit_event} (ADR 0042).
 *
 * <p>A commit only inserts its events into the queue, in its own transaction, so commits of
 * different datasets share no row. Chaining is one short transaction: lock {@code audit_head},
 * take the queued rows in id order, give each the next sequence number and hash ({@link
 * AuditHash}, exactly as an append always did), insert them into {@code audit_event}, delete them
 * from the queue and move the head. Concurrent sequencers (threads or hub processes) serialise on
 * the head; the later one finds the queue empty. A sequencer runs in the background of every
 * opened {@link JdbcCatalog} and inline before every read of the journal, so readers always see
 * every event committed before their read.
 */
final class AuditSequencer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditSequencer.class);

    /** Queued events chained per transaction: keeps the head's lock short after a long backlog. */
    static final int BATCH = 1000;

    /** The chain's end as {@code audit_head} records it. */
    record Head(long seq, String hash) {}

    private final Transactions tx;
    private final boolean skipLocked;
    private final ScheduledExecutorService background;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean failing;

    /**
     * @param interval how often the background sequencer looks for queued events; {@code null}
     *     runs none (events are then chained by reads and appends only; for tests of that window)
     * @param skipLocked whether the database takes {@code FOR UPDATE SKIP LOCKED} (PostgreSQL): a
     *     background round then leaves the work to a sequencer that already holds the head instead
     *     of queueing behind it, so many hubs do not pile up on the head every interval
     */
    AuditSequencer(Transactions tx, Duration interval, boolean skipLocked) {
        this.tx = tx;
        this.skipLocked = skipLocked;
        if (interval == null) {
            this.background = null;
            return;
        }
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-audit-sequencer");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, interval.toMillis());
        background.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Chains every event committed before this call. Cheap when nothing is queued (one indexed
     * read, no lock); otherwise one transaction per {@link #BATCH} events.
     *
     * @return how many events were chained
     */
    long drain() {
        return drain(false);
    }

    /**
     * @param orLeaveIt a background round: when another sequencer holds the head it is chaining
     *     right now, so this round leaves the work to it rather than waiting (where the database
     *     can say so without waiting)
     */
    private long drain(boolean orLeaveIt) {
        if (!tx.read("the queued audit events", AuditSequencer::anyQueued)) {
            return 0;
        }
        long total = 0;
        while (true) {
            int chained = tx.write("the chaining of committed audit events into the journal", c -> {
                Head head = orLeaveIt && skipLocked ? lockHeadUnlessLocked(c) : lockHead(c);
                if (head == null) {
                    // Verification reports a missing head; appends refuse. Nothing to chain onto.
                    return 0;
                }
                Chained done = chain(c, head, BATCH);
                if (done.count > 0) {
                    writeHead(c, done.head);
                }
                return done.count;
            });
            total += chained;
            if (chained < BATCH) {
                return total;
            }
        }
    }

    private void tick() {
        try {
            long chained = drain(true);
            if (failing) {
                failing = false;
                log.info("The audit sequencer works again; {} queued event(s) chained", chained);
            }
        } catch (RuntimeException e) {
            // Nothing is lost: the events stay queued for the next tick, any hub's, or the next read.
            if (!failing) {
                failing = true;
                log.warn(
                        "Could not chain committed audit events into the journal; they stay queued and are"
                                + " chained by the next attempt or the next read of the journal: {}",
                        e.getMessage());
            } else {
                log.debug("The audit sequencer failed again", e);
            }
        }
    }

    /**
     * Stops the background sequencer and chains what is still queued, so that a short-lived process
     * leaves a complete chain. A failure here loses nothing: the events stay queued.
     */
    @Override
    public void close() {
        if (background == null || !closed.compareAndSet(false, true)) {
            return;
        }
        background.shutdown();
        try {
            if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            background.shutdownNow();
            Thread.currentThread().interrupt();
            return;
        }
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not chain the last queued audit events while closing the catalog; the next"
                            + " hub or read of the journal chains them: {}",
                    e.getMessage());
        }
    }

    private static boolean anyQueued(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM audit_pending ORDER BY id LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /** Locks the chain head until the caller's transaction ends; {@code null} when the row is missing. */
    static Head lockHead(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    /** {@link #lockHead}, or {@code null} at once when another transaction holds it (PostgreSQL). */
    private static Head lockHeadUnlessLocked(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT last_seq, last_hash FROM audit_head WHERE id = 1 FOR UPDATE SKIP LOCKED");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    static void writeHead(Connection c, Head head) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            ps.setLong(1, head.seq());
            ps.setString(2, head.hash());
            ps.executeUpdate();
        }
    }

    record Chained(Head head, int count) {}

    /**
     * Chains up to {@code max} queued events after {@code head}, which the caller's transaction has
     * locked; the caller writes the returned head. Only rows this transaction saw are deleted, by
     * id: a row whose commit lands meanwhile stays queued for the next round.
     */
    static Chained chain(Connection c, Head head, int max) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long seq = head.seq();
        String prev = head.hash();
        try (PreparedStatement select = c.prepareStatement("SELECT id, ts_micros, actor, action, entity, details"
                        + " FROM audit_pending ORDER BY id LIMIT ?");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO audit_event (" + AuditLog.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    seq++;
                    long ts = rs.getLong(2);
                    String actor = rs.getString(3);
                    String action = rs.getString(4);
                    String entity = rs.getString(5);
                    String details = rs.getString(6);
                    String hash = AuditHash.of(prev, seq, ts, actor, action, entity, details);
                    AuditLog.bindEvent(insert, seq, ts, actor, action, entity, details, prev, hash);
                    insert.addBatch();
                    prev = hash;
                }
            }
            if (ids.isEmpty()) {
                return new Chained(head, 0);
            }
            insert.executeBatch();
        }
        for (List<Long> chunk : SqlLists.chunks(ids)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM audit_pending WHERE id IN (" + SqlLists.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                int deleted = ps.executeUpdate();
                if (deleted != chunk.size()) {
                    // Only a sequencer holding the head deletes queued rows; anything else is a bug or
                    // tampering, and chaining then would record events twice.
                    throw new SQLException(
                            "Expected to take " + chunk.size() + " queued audit events but " + deleted
                                    + " were still queued; another writer changed audit_pending",
                            "40001");
                }
            }
        }
        return new Chained(new Head(seq, prev), ids.size());
    }
}

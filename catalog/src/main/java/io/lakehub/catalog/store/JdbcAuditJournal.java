package io.lakehub.catalog.store;

import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import java.time.Clock;
import java.util.List;

/**
 * The audit journal in the catalog database (tables audit_event and audit_head, with the queue
 * audit_pending of events committed but not yet chained, ADR 0042). Every read first chains what
 * is queued, so it sees every event committed before it, as if commits had appended directly.
 */
final class JdbcAuditJournal implements AuditJournal {
    private final Transactions tx;
    private final Clock clock;
    private final AuditSequencer sequencer;

    JdbcAuditJournal(Transactions tx, Clock clock, AuditSequencer sequencer) {
        this.tx = tx;
        this.clock = clock;
        this.sequencer = sequencer;
    }

    @Override
    public AuditEvent append(AuditEntry entry) {
        return tx.write("the audit event " + entry.action(), c -> AuditLog.append(c, entry, clock));
    }

    @Override
    public List<AuditEvent> list(long afterSeq, int limit) {
        sequencer.drain();
        return tx.read("the audit journal", c -> AuditLog.list(c, afterSeq, limit));
    }

    @Override
    public List<AuditEvent> latest(int limit) {
        sequencer.drain();
        return tx.read("the audit journal", c -> AuditLog.latest(c, limit));
    }

    @Override
    public Verification verify() {
        sequencer.drain();
        return tx.read("the audit journal", AuditVerifier::verify);
    }
}

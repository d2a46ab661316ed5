package io.lakehub.catalog.store;

import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import java.time.Clock;
import java.util.List;

/** The audit journal in the catalog database (tables audit_event and audit_head). */
final class JdbcAuditJournal implements AuditJournal {
    private final Transactions tx;
    private final Clock clock;

    JdbcAuditJournal(Transactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public AuditEvent append(AuditEntry entry) {
        return tx.write("the audit event " + entry.action(), c -> AuditLog.append(c, entry, clock));
    }

    @Override
    public List<AuditEvent> list(long afterSeq, int limit) {
        return tx.read("the audit journal", c -> AuditLog.list(c, afterSeq, limit));
    }

    @Override
    public List<AuditEvent> latest(int limit) {
        return tx.read("the audit journal", c -> AuditLog.latest(c, limit));
    }

    @Override
    public Verification verify() {
        return tx.read("the audit journal", AuditVerifier::verify);
    }
}

package io.lakehub.catalog.store;

import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.audit.AuditJournal;
import io.lakehub.catalog.audit.Verification;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
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

    /**
     * Chains what is queued, then walks the chain. When chaining fails (a row inserted outside the
     * hub occupies the next sequence number, say) the walk still runs and reports the tampering,
     * plus one problem saying that the queued events could not be chained.
     */
    @Override
    public Verification verify() {
        String unchained = null;
        try {
            sequencer.drain();
        } catch (CatalogUnavailableException e) {
            unchained = "events committed but not yet chained (audit_pending) could not be chained: " + e.getMessage();
        }
        Verification walked = tx.read("the audit journal", AuditVerifier::verify);
        if (unchained == null) {
            return walked;
        }
        List<String> problems = new ArrayList<>(walked.problems());
        problems.add(unchained);
        return new Verification(walked.eventsChecked(), problems);
    }
}

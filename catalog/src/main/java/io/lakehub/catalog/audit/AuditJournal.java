package io.lakehub.catalog.audit;

import java.util.List;

/** The catalog's audit journal. */
public interface AuditJournal {

    /** Appends one event in its own transaction and returns it as stored. */
    AuditEvent append(AuditEntry entry);

    /** Events with {@code seq > afterSeq}, oldest first, at most {@code limit}. */
    List<AuditEvent> list(long afterSeq, int limit);

    /** The newest events, newest first. */
    List<AuditEvent> latest(int limit);

    /** Re-computes every hash and link; reports edits, deletions and a truncated tail. */
    Verification verify();
}

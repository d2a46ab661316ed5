package io.lakehub.catalog.commit;

/**
 * A merge or replace was planned against a snapshot that is no longer the dataset's current one:
 * another writer committed in between, so its delete markers (or the files it replaces) may be
 * wrong. The catalog is unchanged and, unlike other conflicts, <b>none of the request's files were
 * deleted</b>: the writer keeps its data files, plans again against the new snapshot and retries,
 * or deletes them itself when it gives up (the orphan sweep removes them otherwise).
 */
public class StaleParentException extends CommitConflictException {
    private static final long serialVersionUID = 1L;

    private final Long currentSnapshotId;

    public StaleParentException(String message, Long currentSnapshotId) {
        super(message);
        this.currentSnapshotId = currentSnapshotId;
    }

    /** The dataset's current snapshot when the commit was refused ({@code null}: none). */
    public Long currentSnapshotId() {
        return currentSnapshotId;
    }
}

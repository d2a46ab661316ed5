package io.lakehub.catalog.commit;

/**
 * The very same source bytes (same {@link Lineage#contentHash()}) were already committed to the
 * dataset, by a writer that got there first. The catalog is unchanged and this commit's new files
 * were deleted; the earlier commit holds the data, so re-delivery is a no-op.
 */
public class DuplicateCommitException extends CommitConflictException {
    private static final long serialVersionUID = 1L;

    private final long earlierSnapshotId;

    public DuplicateCommitException(String message, long earlierSnapshotId) {
        super(message);
        this.earlierSnapshotId = earlierSnapshotId;
    }

    /** The snapshot that committed these source bytes. */
    public long earlierSnapshotId() {
        return earlierSnapshotId;
    }
}

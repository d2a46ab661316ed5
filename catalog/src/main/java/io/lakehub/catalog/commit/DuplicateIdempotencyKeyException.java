package io.lakehub.catalog.commit;

import java.util.Map;

/**
 * A commit carried idempotency keys ({@link IdempotencyKeys}) of which some were already remembered
 * for the dataset: another commit (another hub, or a retry that raced) holds those requests' events.
 * Nothing was committed and the commit's new files were deleted; the writer can commit again
 * without the requests of {@link #remembered()}, which are acknowledged with the earlier answer.
 */
public class DuplicateIdempotencyKeyException extends CommitConflictException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, IdempotencyKeys.Remembered> remembered;

    public DuplicateIdempotencyKeyException(String message, Map<String, IdempotencyKeys.Remembered> remembered) {
        super(message);
        this.remembered = Map.copyOf(remembered);
    }

    /** The keys found, with the snapshot and event count of their first commit. */
    public Map<String, IdempotencyKeys.Remembered> remembered() {
        return remembered;
    }
}

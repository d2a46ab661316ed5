package io.lakehub.catalog.commit;

import io.lakehub.catalog.LakehubException;

/**
 * Another writer committed to the same dataset first and this commit could not be rebased on it
 * (it removes files that are gone). The catalog is unchanged and the new files were deleted.
 */
public class CommitConflictException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public CommitConflictException(String message) {
        super(message);
    }
}

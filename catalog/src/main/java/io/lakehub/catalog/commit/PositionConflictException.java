package io.lakehub.catalog.commit;

/**
 * The source position this commit was read from is no longer the dataset's: another writer (a hub
 * that took over a Kafka partition) committed those records first ({@link
 * CommitRequest#expectedPositions()}). The catalog is unchanged and this commit's new files were
 * deleted; the source reads again from the committed position.
 */
public class PositionConflictException extends CommitConflictException {
    private static final long serialVersionUID = 1L;

    public PositionConflictException(String message) {
        super(message);
    }
}

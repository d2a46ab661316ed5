package io.lakehub.processors.stream;

/**
 * The answer to one delivery, given once its items are durable in the lake.
 *
 * @param accepted how many items the delivery carried (for a duplicate: how many the first delivery
 *     of its idempotency key carried)
 * @param snapshotId the snapshot that committed them; for a duplicate the first delivery's; when the
 *     pipeline's steps dropped every item of the commit, the dataset's snapshot at the time ({@code
 *     0}: none yet)
 * @param duplicate whether an earlier delivery with the same idempotency key was committed (or was
 *     being committed) and this one wrote nothing
 */
public record Ack(long accepted, long snapshotId, boolean duplicate) {

    /** This answer, marked as given to a duplicate. */
    public Ack asDuplicate() {
        return duplicate ? this : new Ack(accepted, snapshotId, true);
    }
}

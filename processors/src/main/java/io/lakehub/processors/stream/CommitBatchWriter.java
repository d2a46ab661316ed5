package io.lakehub.processors.stream;

import io.lakehub.catalog.commit.IdempotencyKeys;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a {@link GroupCommitter} commits through: one call of {@link #commit} per batch, one catalog
 * transaction per call. Called on the committer's writer thread only.
 *
 * @param <T> one item (an event, a message)
 */
public interface CommitBatchWriter<T> {

    /**
     * Writes {@code items} and commits them in one catalog transaction, remembering {@code keys} in
     * that same transaction ({@link io.lakehub.processors.ingest.IngestRequest#idempotency()}).
     *
     * @param keys the idempotency keys of the batch's deliveries that carry one ({@code null}: none)
     * @return the snapshot that holds the items
     * @throws io.lakehub.catalog.commit.DuplicateIdempotencyKeyException some keys were committed
     *     meanwhile by another writer; nothing was written, the committer retries without them
     * @throws RuntimeException anything else: nothing was written (the catalog's commit is atomic)
     */
    long commit(List<T> items, IdempotencyKeys keys);

    /** Which of {@code keys} the catalog already remembers, with their first answer. */
    Map<String, IdempotencyKeys.Remembered> remembered(Collection<String> keys);

    /**
     * Whether {@code failure} of a batch of several deliveries may come from one delivery's items
     * alone (a refusal such as a type conflict between deliveries), so that committing each delivery
     * on its own fails only the culprit. Failures of the catalog or the disk are not: every delivery
     * of the batch fails. The default says no.
     */
    default boolean isolates(RuntimeException failure) {
        return false;
    }
}

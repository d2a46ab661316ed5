package io.lakehub.catalog.vectors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The vector indexes the catalog keeps (table {@code vector_index}, migration V10). */
public interface VectorIndexStore {

    /** Every index, by name. */
    List<StoredVectorIndex> list();

    Optional<StoredVectorIndex> find(String name);

    /** Stores a new index; false (nothing changed) when one of that name exists. */
    boolean insert(StoredVectorIndex index);

    /** Removes the index; false when there was none of that name. */
    boolean delete(String name);

    /** Records a successful refresh (clears {@code last_error}). */
    void refreshed(String name, long rowCount, long chunkCount, long buildMillis, String signature, Instant at);

    /** Records why a refresh failed; the previous counts and signature stay. */
    void failed(String name, String error);

    /** Stamps {@code last_used}. */
    void used(String name, Instant at);

    /**
     * Takes or renews the build lease of the index (ADR 0047): succeeds when nobody holds it, when
     * {@code holder} holds it, or when the other holder's lease expired before {@code now}.
     *
     * @return whether {@code holder} holds the lease until {@code until}
     */
    boolean leaseBuild(String name, String holder, String jobId, Instant now, Instant until);

    /** The lease on the index's build that has not expired at {@code now}, if any. */
    Optional<BuildLease> buildLease(String name, Instant now);

    /** Gives the build lease up, if {@code holder} holds it. */
    void releaseBuild(String name, String holder);

    /**
     * Publishes a build in one statement: its id, counts and signature become the index's, and
     * {@code last_error} is cleared — only while {@code holder} still holds the build lease.
     *
     * @return false (nothing changed) when {@code holder} lost the lease or the index is gone
     */
    boolean publish(
            String name,
            String holder,
            String buildId,
            long rowCount,
            long chunkCount,
            long buildMillis,
            String signature,
            Instant at);
}

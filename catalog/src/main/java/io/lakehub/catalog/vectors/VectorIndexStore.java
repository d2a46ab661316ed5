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
}

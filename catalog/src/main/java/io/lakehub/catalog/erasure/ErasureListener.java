package io.lakehub.catalog.erasure;

import java.util.List;

/**
 * Hears an erasure before its rewrite finishes, with the values: the hook for stores outside the
 * lake's Parquet files that must forget the same rows. Vector indexes do not exist yet; when they
 * land, their index implements this and deletes the erased rows' embeddings. Called on the
 * rewriting thread, possibly more than once for one erasure (a rewrite resumed after a crash):
 * implementations must be idempotent. A listener that throws leaves the erasure {@code invisible};
 * the next attempt calls it again. Implementations must never log the values.
 */
public interface ErasureListener {

    /**
     * Remove every row of the erasure's datasets ({@link Erasure#datasets()}) whose key column ({@link
     * Erasure#keyColumn()}) holds one of {@code values}.
     *
     * @param erasure the erasure (no values)
     * @param values the values to forget
     */
    void erase(Erasure erasure, List<String> values);
}

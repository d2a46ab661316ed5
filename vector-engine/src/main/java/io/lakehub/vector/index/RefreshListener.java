package io.lakehub.vector.index;

/** Follows a refresh (for a job's done/total, rate and ETA). Called on the refreshing thread. */
public interface RefreshListener {

    /** No-op listener. */
    RefreshListener NONE = (done, total) -> {};

    /** {@code done} of {@code total} chunks to embed are embedded. */
    void embedded(int done, int total);

    /** The graph over {@code chunks} chunks is being built. */
    default void building(int chunks) {}
}

package io.lakehub.catalog.commit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's change feed: after a commit's transaction committed, every subscribed {@link
 * CommitListener} hears {@code (dataset, snapshotId, operation)}. Consumers: the SQL engine's views
 * (a new snapshot is visible to the next query without waiting for its cross-process check) and,
 * later, the vector index refresh, which re-embeds the rows of a dataset's new snapshots.
 *
 * <p>In-process only: it reports the commits made through this catalog object. Commits by other
 * processes sharing the catalog database are not reported; a consumer that must see them keeps a
 * cheap check of its own ({@link io.lakehub.catalog.Catalog#currentSnapshotIds()}). A commit whose
 * outcome the catalog could not tell is not reported either (it may not have landed). A listener's
 * failure is logged and never undoes the commit; the other listeners still hear it.
 *
 * <p>Thread-safe.
 */
public final class ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @return closing it removes the listener
     */
    public Subscription subscribe(CommitListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** A listener's registration; closing it unsubscribes. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Tells every listener; called by the catalog after a commit's transaction committed. */
    public void publish(DatasetChange change) {
        for (CommitListener l : listeners) {
            try {
                l.committed(change);
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError vm) {
                    throw vm;
                }
                log.warn(
                        "A change feed listener ({}) failed on snapshot {} of dataset {}; the commit stands",
                        l.getClass().getName(),
                        change.snapshotId(),
                        change.dataset(),
                        e);
            }
        }
    }
}

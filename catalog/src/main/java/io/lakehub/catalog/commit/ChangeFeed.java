package io.lakehub.catalog.commit;

import java.time.Duration;
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
 * <p>{@link CommitObserver}s subscribed with {@link #observe} also hear how long each commit took
 * and what it wrote, and about failed commits: the hub's metrics (ADR 0019).
 *
 * <p>Thread-safe.
 */
public final class ChangeFeed {
    private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);

    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final List<CommitObserver> observers = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @return closing it removes the listener
     */
    public Subscription subscribe(CommitListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Adds an observer of every commit's statistics and of failed commits.
     *
     * @return closing it removes the observer
     */
    public Subscription observe(CommitObserver observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
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

    /** Tells every observer what a commit wrote; called by the catalog after {@link #publish}. */
    public void measured(CommitStatistics statistics) {
        for (CommitObserver o : observers) {
            try {
                o.committed(statistics);
            } catch (RuntimeException e) {
                log.warn(
                        "A commit observer ({}) failed on snapshot {} of dataset {}; the commit stands",
                        o.getClass().getName(),
                        statistics.snapshotId(),
                        statistics.dataset(),
                        e);
            }
        }
    }

    /** Tells every observer that a commit failed; called by the catalog before it throws {@code failure}. */
    public void failed(String dataset, String operation, Duration duration, RuntimeException failure) {
        for (CommitObserver o : observers) {
            try {
                o.failed(dataset, operation, duration, failure);
            } catch (RuntimeException e) {
                e.addSuppressed(failure);
                log.warn(
                        "A commit observer ({}) failed on a failed commit of dataset {}",
                        o.getClass().getName(),
                        dataset,
                        e);
            }
        }
    }
}

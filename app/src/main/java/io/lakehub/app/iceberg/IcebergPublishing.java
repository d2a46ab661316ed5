package io.lakehub.app.iceberg;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.ChangeFeed;
import io.lakehub.catalog.commit.DatasetChange;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.erasure.Erasure;
import io.lakehub.catalog.erasure.ErasureListener;
import io.lakehub.processors.iceberg.IcebergPublisher;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.catalog.TableIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the hub's commits as Iceberg tables in the background (ADR 0039). A commit only queues
 * its dataset (the change feed listener returns at once); one daemon thread publishes the queued
 * datasets, so a slow or failing publish never fails or slows a commit. A failure is logged with its
 * cause and the dataset is tried again after {@link IcebergProperties#getRetryDelay()}, doubling. A
 * periodic check publishes what other hubs committed and the rewrites of erasures. An erasure is
 * published at once as equality deletes on its values (the tables stay; their rows must not stay
 * readable through Iceberg until the rewrite); a table whose deletes cannot be written is dropped
 * until the rewrite.
 */
public final class IcebergPublishing implements ErasureListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IcebergPublishing.class);

    private final Catalog catalog;
    private final java.util.function.Supplier<IcebergPublisher> opener;
    private IcebergPublisher publisher;
    private final IcebergProperties properties;
    private final ScheduledExecutorService worker;
    private final ChangeFeed.Subscription subscription;
    private final Set<String> queued = new LinkedHashSet<>();
    private final Map<String, Duration> backoff = new HashMap<>();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean closed;
    /** Held while a table is published, rebuilt or dropped: an erasure's drop never races a publish. */
    private final java.util.concurrent.locks.ReentrantLock tables = new java.util.concurrent.locks.ReentrantLock();

    /**
     * @param opener opens the publisher (Iceberg's catalog) on first use, on the publishing thread, so
     *     that the hub's start does not wait for it; null when the catalog is not a JDBC catalog (nothing
     *     is published)
     */
    public IcebergPublishing(
            Catalog catalog, java.util.function.Supplier<IcebergPublisher> opener, IcebergProperties properties) {
        this.catalog = catalog;
        this.opener = opener;
        this.properties = properties;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-iceberg");
            t.setDaemon(true);
            return t;
        });
        if (opener == null) {
            // Not the hub's JDBC catalog (a test double): nothing to publish into.
            this.subscription = () -> {};
            return;
        }
        this.subscription = catalog.changes().subscribe(this::committed);
        Duration every = properties.getReconcileInterval();
        if (!every.isZero()) {
            worker.scheduleWithFixedDelay(this::reconcile, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        // Datasets committed while the hub was down (or before Iceberg was turned on), once the start is over.
        worker.schedule(this::reconcile, Math.min(5_000, Math.max(every.toMillis(), 1)), TimeUnit.MILLISECONDS);
    }

    /** How many Iceberg snapshots this hub has committed (for tests and logs). */
    public long publishedSnapshots() {
        return published.get();
    }

    /** The publisher (its Iceberg catalog, for tests), opened on first use. */
    public synchronized IcebergPublisher publisher() {
        if (publisher == null) {
            if (closed || opener == null) {
                throw new IllegalStateException(
                        closed
                                ? "Iceberg publishing is closed"
                                : "Iceberg tables are published only for the hub's JDBC catalog");
            }
            publisher = opener.get();
        }
        return publisher;
    }

    private void committed(DatasetChange change) {
        enqueue(change.dataset());
    }

    /** Queues a dataset to be published; returns at once. */
    public void enqueue(String dataset) {
        if (closed) {
            return;
        }
        boolean first;
        synchronized (queued) {
            first = queued.add(dataset);
        }
        if (first) {
            long delay = properties.getPublishDelay().toMillis();
            try {
                if (delay > 0) {
                    // The commits of the next moment join this publish (ADR 0044).
                    worker.schedule(() -> publishQueued(dataset), delay, TimeUnit.MILLISECONDS);
                } else {
                    worker.execute(() -> publishQueued(dataset));
                }
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // The hub is stopping: the next start's reconcile publishes it.
            }
        }
    }

    private void publishQueued(String dataset) {
        synchronized (queued) {
            queued.remove(dataset);
        }
        if (closed) {
            return;
        }
        try {
            IcebergPublisher.Publication p;
            tables.lock();
            try {
                p = publisher().publish(DatasetName.of(dataset));
            } finally {
                tables.unlock();
            }
            published.addAndGet(p.snapshots());
            if (p.outcome() != IcebergPublisher.Outcome.UP_TO_DATE) {
                log.debug("Iceberg table of dataset {}: {} ({} snapshots)", dataset, p.outcome(), p.snapshots());
            }
            synchronized (backoff) {
                backoff.remove(dataset);
            }
        } catch (RuntimeException e) {
            if (closed) {
                return;
            }
            Duration delay;
            synchronized (backoff) {
                Duration max = properties.getReconcileInterval().isZero()
                        ? Duration.ofMinutes(5)
                        : properties.getReconcileInterval();
                Duration previous = backoff.get(dataset);
                delay = previous == null ? properties.getRetryDelay() : previous.multipliedBy(2);
                if (delay.compareTo(max) > 0) {
                    delay = max;
                }
                backoff.put(dataset, delay);
            }
            log.warn(
                    "Publishing dataset {} as an Iceberg table failed; the commit stands and publishing is"
                            + " tried again in {}s: {}",
                    dataset,
                    delay.toSeconds(),
                    e.toString(),
                    e);
            try {
                worker.schedule(() -> enqueue(dataset), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // shutting down
            }
        }
    }

    /**
     * Drops the dataset's table and publishes it again from the Lakehub catalog, on the publishing
     * thread (so never at the same time as a publish of the same dataset), and waits for the end.
     */
    public IcebergRebuild rebuild(DatasetName dataset) {
        try {
            IcebergPublisher.Publication p = worker.submit(() -> {
                        tables.lock();
                        try {
                            return publisher().rebuild(dataset);
                        } finally {
                            tables.unlock();
                        }
                    })
                    .get();
            return rebuildDocument(p);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException("Rebuilding the Iceberg table of " + dataset + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rebuilding the Iceberg table of " + dataset, e);
        }
    }

    /** The answer document of a rebuild. */
    public static IcebergRebuild rebuildDocument(IcebergPublisher.Publication p) {
        return new IcebergRebuild(
                p.dataset(),
                IcebergPublisher.tableId(DatasetName.of(p.dataset())).toString(),
                p.outcome().name(),
                p.snapshots());
    }

    /** Queues every dataset, and the tables of datasets that are gone. */
    void reconcile() {
        if (closed) {
            return;
        }
        try {
            for (DatasetInfo d : catalog.datasets()) {
                enqueue(d.name());
            }
            for (TableIdentifier t : publisher().icebergCatalog().listTables(IcebergPublisher.NAMESPACE)) {
                if (DatasetName.isValid(t.name())
                        && catalog.dataset(DatasetName.of(t.name())).isEmpty()) {
                    enqueue(t.name());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Checking the Iceberg tables against the catalog failed; tried again later: {}", e.toString(), e);
        }
    }

    /**
     * An erasure is about to rewrite files: its values become equality deletes in the tables of its
     * datasets at once (a table is dropped only if that fails), so that no Iceberg reader sees the
     * erased rows.
     */
    @Override
    public void erase(Erasure erasure, List<String> values) {
        if (opener == null || closed) {
            return;
        }
        tables.lock();
        try {
            for (String dataset : erasure.datasets()) {
                if (!DatasetName.isValid(dataset)) {
                    continue;
                }
                DatasetName name = DatasetName.of(dataset);
                try {
                    publisher().erase(name, erasure.id(), erasure.keyColumn(), values);
                } catch (RuntimeException e) {
                    // The rows must not stay readable through Iceberg: without delete files, no table.
                    log.warn(
                            "Publishing erasure {} as Iceberg delete files of dataset {} failed; dropping its"
                                    + " table until the rewrite: {}",
                            erasure.id(),
                            dataset,
                            e.toString());
                    publisher().drop(name);
                }
            }
        } catch (RuntimeException e) {
            // Never holds the erasure up: the publisher deletes the rows (or drops the table) itself while
            // the erasure is pending.
            log.warn(
                    "Publishing erasure {} to Iceberg failed; the publisher does it on its next run: {}",
                    erasure.id(),
                    e.toString(),
                    e);
        } finally {
            tables.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        subscription.close();
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("The Iceberg publisher did not stop within 10 s; closing its catalog anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
            }
        }
    }
}

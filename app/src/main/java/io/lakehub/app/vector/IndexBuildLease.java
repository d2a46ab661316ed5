package io.lakehub.app.vector;

import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.vectors.BuildLease;
import io.lakehub.catalog.vectors.VectorIndexStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's claim, in the catalog, on building one vector index (ADR 0047): taken before a refresh
 * reads anything, renewed every third of its length while the refresh runs, given up when it ends.
 * A refresh that finds another hub's build running waits for that lease to be given up or to
 * expire, then decides afresh (usually: the index is up to date now, nothing to build). A lease that
 * could not be renewed before it expired is {@linkplain #lost() lost}: the refresh stops at its next
 * progress report, and its publish would be refused anyway.
 */
final class IndexBuildLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexBuildLease.class);

    private final VectorIndexStore store;
    private final String index;
    private final String holder;
    private final String jobId;
    private final Duration length;
    private final Clock clock;
    private volatile Instant heldUntil;
    private volatile boolean lost;
    private ScheduledFuture<?> renewal;

    private IndexBuildLease(
            VectorIndexStore store,
            String index,
            String holder,
            String jobId,
            Duration length,
            Clock clock,
            Instant heldUntil) {
        this.store = store;
        this.index = index;
        this.holder = holder;
        this.jobId = jobId;
        this.length = length;
        this.clock = clock;
        this.heldUntil = heldUntil;
    }

    /**
     * Takes the lease, waiting while another holder has it.
     *
     * @param holder unique per refresh (the hub's id and the job's), so two refreshes never share it
     * @param waiting told once, with the other holder's lease, when this has to wait
     * @param timer renews the lease; {@code null} to renew only by {@link #renew()}
     * @throws LakehubException when interrupted while waiting
     */
    static IndexBuildLease acquire(
            VectorIndexStore store,
            String index,
            String holder,
            String jobId,
            Duration length,
            Clock clock,
            ScheduledExecutorService timer,
            Consumer<Optional<BuildLease>> waiting) {
        boolean told = false;
        long poll = Math.max(20, Math.min(1_000, length.toMillis() / 10));
        while (true) {
            Instant now = clock.instant();
            if (store.leaseBuild(index, holder, jobId, now, now.plus(length))) {
                IndexBuildLease lease =
                        new IndexBuildLease(store, index, holder, jobId, length, clock, now.plus(length));
                if (timer != null) {
                    long every = Math.max(1, length.toMillis() / 3);
                    lease.renewal = timer.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
                }
                return lease;
            }
            if (!told) {
                told = true;
                waiting.accept(store.buildLease(index, now));
            }
            try {
                Thread.sleep(poll); // production code: waiting on another hub's lease in the catalog
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakehubException(
                        "Interrupted while waiting for another hub's build of vector index " + index, e);
            }
        }
    }

    /** Extends the lease; marks it lost when another holder has it or it expired unrenewed. */
    void renew() {
        if (lost) {
            return;
        }
        Instant now = clock.instant();
        try {
            if (store.leaseBuild(index, holder, jobId, now, now.plus(length))) {
                heldUntil = now.plus(length);
            } else {
                lost = true;
                LOG.warn("The build lease of vector index {} was taken by another hub; this build stops", index);
            }
        } catch (RuntimeException e) {
            if (now.isAfter(heldUntil)) {
                lost = true;
                LOG.warn(
                        "The build lease of vector index {} expired unrenewed (catalog unreachable: {});"
                                + " this build stops",
                        index,
                        e.getMessage());
            } else {
                LOG.debug("Could not renew the build lease of vector index {} yet: {}", index, e.getMessage());
            }
        }
    }

    /** Whether the lease is no longer this holder's (or may not be: it expired unrenewed). */
    boolean lost() {
        return lost || clock.instant().isAfter(heldUntil);
    }

    /** @throws LakehubException naming the index when the lease is {@linkplain #lost() lost} */
    void check() {
        if (lost()) {
            throw new LakehubException("This hub lost the build lease of vector index " + index
                    + " (another hub took it after it expired unrenewed); the previous build keeps serving and"
                    + " the next refresh resumes from the embedding journal.");
        }
    }

    String holder() {
        return holder;
    }

    @Override
    public void close() {
        if (renewal != null) {
            renewal.cancel(false);
        }
        try {
            store.releaseBuild(index, holder);
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not give up the build lease of vector index {} (it expires by itself in {}): {}",
                    index,
                    length,
                    e.getMessage());
        }
    }
}

package io.lakehub.app.maintenance;

import io.lakehub.catalog.Catalog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code lakehub.orphans.sweep-interval}, deletes lake files that no snapshot references
 * and that are older than {@code lakehub.orphans.grace} (debris of writers that crashed between
 * writing and committing). The first sweep runs one interval after start, not during start-up.
 */
public class OrphanSweeper implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

    private final Catalog catalog;
    private final Duration grace;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public OrphanSweeper(Catalog catalog, Duration grace, Duration interval) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("lakehub.orphans.grace may not be negative, not " + grace);
        }
        this.catalog = catalog;
        this.grace = grace;
        this.interval = interval;
    }

    /** One sweep; returns the number of files deleted. */
    public int sweepOnce() {
        int deleted = catalog.sweepOrphans(grace);
        if (deleted > 0) {
            LOG.info("Orphan sweep deleted {} unreferenced file(s) older than {}", deleted, grace);
        }
        return deleted;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-orphan-sweeper");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::sweepLogged, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            // Retried at the next interval; an exception escaping here would cancel the schedule.
            LOG.warn("Orphan sweep failed, will retry in {}: {}", interval, e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            try {
                // The catalog closes after this bean; let a running sweep notice the interrupt first.
                if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Orphan sweep still running at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}

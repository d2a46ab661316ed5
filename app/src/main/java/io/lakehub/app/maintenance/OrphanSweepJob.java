package io.lakehub.app.maintenance;

import io.lakehub.catalog.Catalog;
import io.lakehub.schedules.JobContext;
import io.lakehub.schedules.JobOutcome;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.Progress;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orphan sweep: deletes lake files that no snapshot references and that are older than the
 * grace period (debris of writers that crashed between writing and committing). A clustered
 * maintenance job: once per fire across every hub sharing the catalog, each run in the history.
 * Reports the files checked of those old enough to check while it runs.
 */
public final class OrphanSweepJob implements MaintenanceJob {
    /** The job's id: Quartz job name, run history key, {@code POST /api/jobs/orphan-sweep/run}. */
    public static final String ID = "orphan-sweep";

    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweepJob.class);

    private final Catalog catalog;
    private final Duration grace;

    /**
     * @param grace only files older than this are deleted ({@code lakehub.orphans.grace})
     * @throws IllegalArgumentException when the grace is negative
     */
    public OrphanSweepJob(Catalog catalog, Duration grace) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(grace, "grace");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("lakehub.orphans.grace may not be negative, not " + grace);
        }
        this.grace = grace;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String describe() {
        return "Deletes lake files that no snapshot references and that are older than " + grace
                + " (lakehub.orphans.grace).";
    }

    /** Hourly, at minute 17 (off the hour, when pipelines tend to fire). */
    @Override
    public String defaultSchedule() {
        return "0 17 * * * ?";
    }

    @Override
    public JobOutcome run(JobContext context) {
        Progress progress = context.progress();
        int deleted = catalog.sweepOrphans(grace, new Catalog.SweepProgress() {
            @Override
            public void listed(long files) {
                progress.total(files, "files");
            }

            @Override
            public void checked(long files) {
                progress.advance(files);
            }
        });
        if (deleted > 0) {
            LOG.info(
                    "Orphan sweep (run {}) deleted {} unreferenced file(s) older than {}",
                    context.runId(),
                    deleted,
                    grace);
        }
        return JobOutcome.succeeded(
                "deleted " + deleted + " orphan file" + (deleted == 1 ? "" : "s") + " older than " + grace);
    }
}

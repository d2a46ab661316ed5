package io.lakehub.app.maintenance;

import io.lakehub.processors.upsert.Compactor;
import io.lakehub.schedules.JobContext;
import io.lakehub.schedules.JobOutcome;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.Progress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction (ADR 0009, 0057): rewrites each upsert dataset that crossed a {@code
 * lakehub.compaction.*} threshold into one version per key and the small files of each append
 * dataset that has enough of them into larger files ({@code lakehub.compaction.append-*}), then
 * deletes the files compactions replaced longer ago than the grace period. A clustered maintenance job: once per fire across every
 * hub sharing the catalog. A dataset that another commit changed during its compaction is left as
 * it is and compacted on a later run.
 */
public final class CompactionJob implements MaintenanceJob {
    /** The job's id: Quartz job name, run history key, {@code POST /api/jobs/compaction/run}. */
    public static final String ID = "compaction";

    private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);

    private final Compactor compactor;

    public CompactionJob(Compactor compactor) {
        this.compactor = Objects.requireNonNull(compactor, "compactor");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String describe() {
        return "Rewrites upsert datasets past a lakehub.compaction.* threshold into one version per key and the"
                + " small files of append datasets into larger ones, and deletes the files earlier compactions"
                + " replaced.";
    }

    /** Every 10 minutes, at second 40. */
    @Override
    public String defaultSchedule() {
        return "40 */10 * * * ?";
    }

    /** Reports the datasets looked at of those it compacts ({@code datasets}) as its progress. */
    @Override
    public JobOutcome run(JobContext context) {
        Progress progress = context.progress();
        Compactor.Summary s = compactor.compactAllIfNeeded(
                datasets -> progress.total(datasets, "datasets"), () -> progress.advance(1));
        if (!s.compacted().isEmpty() || s.expiredFiles() > 0) {
            LOG.info(
                    "Compaction (run {}) compacted {}, deleted {} replaced file(s)",
                    context.runId(),
                    s.compacted(),
                    s.expiredFiles());
        }
        String result = "compacted " + s.compacted().size() + " dataset(s)"
                + (s.compacted().isEmpty() ? "" : " " + s.compacted())
                + (s.smallFilesRemoved() == 0
                        ? ""
                        : " (" + s.smallFilesRemoved() + " small file(s) of append datasets into " + s.filesWritten()
                                + ")")
                + (s.skippedStale().isEmpty() ? "" : ", postponed " + s.skippedStale() + " (changed meanwhile)")
                + ", deleted " + s.expiredFiles() + " replaced file(s)";
        return JobOutcome.succeeded(result);
    }
}

package io.lakehub.app.maintenance;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.commit.StaleParentException;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.schedules.JobContext;
import io.lakehub.schedules.JobOutcome;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of upsert datasets (ADR 0009): rewrites each upsert dataset that crossed a {@code
 * lakehub.compaction.*} threshold into one version per key, then deletes the files compactions
 * replaced longer ago than the grace period. A clustered maintenance job: once per fire across every
 * hub sharing the catalog. A dataset that another commit changed during its compaction is left as
 * it is and compacted on a later run.
 */
public final class CompactionJob implements MaintenanceJob {
    /** The job's id: Quartz job name, run history key, {@code POST /api/jobs/compaction/run}. */
    public static final String ID = "compaction";

    private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);

    private final Catalog catalog;
    private final Compactor compactor;
    private final Duration removedFileGrace;

    /**
     * @param catalog the catalog the compactor works on: the job lists its datasets
     * @param removedFileGrace files compactions replaced longer ago than this are deleted
     */
    public CompactionJob(Catalog catalog, Compactor compactor, Duration removedFileGrace) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.compactor = Objects.requireNonNull(compactor, "compactor");
        this.removedFileGrace = Objects.requireNonNull(removedFileGrace, "removedFileGrace");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String describe() {
        return "Rewrites upsert datasets past a lakehub.compaction.* threshold into one version per key and"
                + " deletes the files earlier compactions replaced.";
    }

    /** Every 10 minutes, at second 40. */
    @Override
    public String defaultSchedule() {
        return "40 */10 * * * ?";
    }

    /**
     * What {@link Compactor#compactAllIfNeeded()} does, one dataset at a time so that the run
     * reports the upsert datasets looked at of those in the catalog ({@code datasets}).
     */
    @Override
    public JobOutcome run(JobContext context) {
        Compactor.Summary s = compactAll(context.progress());
        if (!s.compacted().isEmpty() || s.expiredFiles() > 0) {
            LOG.info(
                    "Compaction (run {}) compacted {}, deleted {} replaced file(s)",
                    context.runId(),
                    s.compacted(),
                    s.expiredFiles());
        }
        String result = "compacted " + s.compacted().size() + " dataset(s)"
                + (s.compacted().isEmpty() ? "" : " " + s.compacted())
                + (s.skippedStale().isEmpty() ? "" : ", postponed " + s.skippedStale() + " (changed meanwhile)")
                + ", deleted " + s.expiredFiles() + " replaced file(s)";
        return JobOutcome.succeeded(result);
    }

    private Compactor.Summary compactAll(Progress progress) {
        List<DatasetName> upserts = catalog.datasets().stream()
                .filter(DatasetInfo::isUpsert)
                .map(d -> DatasetName.of(d.name()))
                .toList();
        progress.total(upserts.size(), "datasets");
        List<String> compacted = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (DatasetName name : upserts) {
            try {
                if (compactor.compactIfNeeded(name).isPresent()) {
                    compacted.add(name.value());
                }
            } catch (StaleParentException e) {
                stale.add(name.value());
            }
            progress.advance(1);
        }
        int expired = catalog.expireRemovedFiles(removedFileGrace);
        return new Compactor.Summary(compacted, stale, expired);
    }
}

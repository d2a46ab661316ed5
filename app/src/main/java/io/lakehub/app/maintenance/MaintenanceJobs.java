package io.lakehub.app.maintenance;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.upsert.AppendCompactionThresholds;
import io.lakehub.processors.upsert.AppendCompactor;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.schedules.MaintenanceJob;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's maintenance jobs, one bean each. Registering a job is one {@code @Bean} returning a
 * {@link MaintenanceJob} here: the hub schedules every such bean ({@link HubJobs}), lists it in
 * {@code GET /api/jobs} and {@code ./lakehub jobs}, and runs it on {@code POST /api/jobs/{id}/run}
 * and {@code ./lakehub job run ID}; the CLI builds the same beans from this class when no hub runs.
 * Its settings ({@code enabled}, {@code schedule}) are read from {@code lakehub.maintenance.<id>}
 * when {@link LakehubProperties.Maintenance#forJob} knows the id, else it runs on its default
 * schedule.
 *
 * <p>Beans here may depend only on what the CLI provides too (see {@code cli.CliJobs}): {@link
 * LakehubProperties} and {@link Catalog}; a job needing another back end must be given it there
 * as well.
 */
@Configuration(proxyBeanMethods = false)
public class MaintenanceJobs {

    /**
     * Below this grace, a clustered hub warns: the sweep compares a file's modification time (set by
     * the writing node, or by the file server) with the sweeping node's clock, so the grace must
     * cover the longest ingest plus any clock skew between nodes (ADR 0035).
     */
    static final java.time.Duration CLUSTER_GRACE_FLOOR = java.time.Duration.ofMinutes(10);

    @Bean
    MaintenanceJob lakehubOrphanSweepJob(Catalog catalog, LakehubProperties properties) {
        java.time.Duration grace = properties.getOrphans().getGrace();
        if (properties.getScheduler().isClustered() && grace != null && grace.compareTo(CLUSTER_GRACE_FLOOR) < 0) {
            org.slf4j.LoggerFactory.getLogger(MaintenanceJobs.class)
                    .warn(
                            "lakehub.orphans.grace={} on a clustered hub: the orphan sweep may delete a file another"
                                    + " node is still committing if its ingest, plus the clock skew between nodes and"
                                    + " the lake's file server, lasts longer; keep it at {} or more (docs/scale-out.md)",
                            grace,
                            CLUSTER_GRACE_FLOOR);
        }
        return new OrphanSweepJob(catalog, grace);
    }

    @Bean
    MaintenanceJob lakehubCompactionJob(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Compaction c = properties.getCompaction();
        CompactionThresholds thresholds;
        AppendCompactionThresholds appendThresholds;
        try {
            thresholds = new CompactionThresholds(
                    c.getMinMarkerRows(), c.getMinMarkerRatio(), c.getMinFiles(), c.getRemovedFileGrace());
            appendThresholds = new AppendCompactionThresholds(
                    c.getAppendTargetFileSize().toBytes(),
                    c.getAppendSmallFileSize().toBytes(),
                    c.getAppendMinSmallFiles(),
                    c.getAppendMaxFilesPerRewrite());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lakehub.compaction.* is invalid: " + e.getMessage(), e);
        }
        ParquetWriteOptions options = ParquetWriteOptions.defaults();
        return new CompactionJob(
                new Compactor(catalog, options, thresholds, new AppendCompactor(catalog, options, appendThresholds)));
    }
}

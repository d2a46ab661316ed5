package io.lakehub.app.maintenance;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.processors.parquet.ParquetWriteOptions;
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

    @Bean
    MaintenanceJob lakehubOrphanSweepJob(Catalog catalog, LakehubProperties properties) {
        return new OrphanSweepJob(catalog, properties.getOrphans().getGrace());
    }

    @Bean
    MaintenanceJob lakehubCompactionJob(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Compaction c = properties.getCompaction();
        CompactionThresholds thresholds;
        try {
            thresholds = new CompactionThresholds(
                    c.getMinMarkerRows(), c.getMinMarkerRatio(), c.getMinFiles(), c.getRemovedFileGrace());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lakehub.compaction.* is invalid: " + e.getMessage(), e);
        }
        return new CompactionJob(new Compactor(catalog, ParquetWriteOptions.defaults(), thresholds));
    }
}

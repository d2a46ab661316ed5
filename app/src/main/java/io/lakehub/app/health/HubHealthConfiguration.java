package io.lakehub.app.health;

import io.lakehub.app.config.LakehubAutoConfiguration;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.catalog.Catalog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.system.DiskSpaceHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The hub's health components beside {@code catalog} (see {@link LakehubAutoConfiguration}): {@code
 * scheduler}, {@code lakeDiskSpace} and {@code pipelines}, configured by {@link HealthProperties}.
 */
@AutoConfiguration(after = LakehubAutoConfiguration.class)
@EnableConfigurationProperties(HealthProperties.class)
public class HubHealthConfiguration {

    @Bean("schedulerHealthIndicator")
    SchedulerHealthIndicator schedulerHealthIndicator(ObjectProvider<HubPipelines> pipelines) {
        return new SchedulerHealthIndicator(() -> pipelines.getObject().scheduler());
    }

    /** Spring Boot's disk space check, on the lake's file system rather than the working directory. */
    @Bean("lakeDiskSpaceHealthIndicator")
    DiskSpaceHealthIndicator lakeDiskSpaceHealthIndicator(Catalog catalog, HealthProperties properties) {
        Path lake = catalog.lakeRoot();
        // The free space of a path that does not exist reads as 0; until the lake folder exists, look at its parent.
        File checked = (Files.isDirectory(lake) ? lake : lake.toAbsolutePath().getParent()).toFile();
        return new DiskSpaceHealthIndicator(checked, properties.getLakeDiskSpaceThreshold());
    }

    @Bean("pipelinesHealthContributor")
    PipelineHealthContributor pipelinesHealthContributor(
            ObjectProvider<HubPipelines> pipelines, HealthProperties properties) {
        return new PipelineHealthContributor(
                () -> pipelines.getObject().config().pipelines(),
                () -> pipelines.getObject().scheduler().history(),
                properties.getPipelineFailures());
    }
}

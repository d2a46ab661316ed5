package io.lakehub.app.pipelines;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.maintenance.MaintenanceJobs;
import io.lakehub.catalog.Catalog;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.routes.pipelines.PipelineRoute;
import io.lakehub.schedules.MaintenanceJob;
import io.lakehub.schedules.TriggerKind;
import io.lakehub.schedules.pipeline.PipelineConfig;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The pipelines as Spring beans: the configuration (validated; any problem stops the hub before it
 * serves anything), the scheduler (created after the catalog, whose migration runs first), the
 * pipelines' Camel routes, the maintenance jobs scheduled beside them, and the start of the
 * schedules once the application is ready (Camel is running then, so a catch-up fire finds its
 * routes).
 */
@Configuration(proxyBeanMethods = false)
@Import(MaintenanceJobs.class)
public class PipelineConfiguration {

    @Bean
    PipelineConfig lakehubPipelineConfig(LakehubProperties properties) {
        return PipelineConfigFile.load(properties);
    }

    /**
     * Depends on the catalog (the scheduler's tables go next to the catalog's, after its migration)
     * and the ingest service, so that it is closed before either: runs in progress finish first.
     */
    @Bean(destroyMethod = "close")
    HubPipelines lakehubPipelines(
            LakehubProperties properties,
            PipelineConfig config,
            CamelContext camel,
            Catalog catalog,
            IngestService ingestService) {
        HubPipelines pipelines = new HubPipelines(properties, config, camel, catalog.audit(), catalog);
        pipelines.useCatalog(catalog);
        return pipelines;
    }

    /** Reloads the pipelines when their file changes; only when the hub was started with a file. */
    @Bean(destroyMethod = "close")
    ConfigWatcher lakehubConfigWatcher(HubPipelines pipelines, LakehubProperties properties) {
        java.time.Duration interval = properties.getConfigReloadInterval();
        return new ConfigWatcher(
                PipelineConfigFile.locate(properties)
                        .filter(file -> interval != null && !interval.isZero())
                        .orElse(null),
                pipelines,
                interval);
    }

    @Bean
    PipelineRoute lakehubPipelineRoutes(HubPipelines pipelines) {
        return new PipelineRoute(pipelines, pipelines.config().pipelines(), true);
    }

    /**
     * Every {@link MaintenanceJob} bean, scheduled on the pipelines' scheduler before it starts; the
     * scheduler closes with {@link HubPipelines}, waiting for runs in progress.
     */
    @Bean
    HubJobs lakehubJobs(
            HubPipelines pipelines,
            ObjectProvider<MaintenanceJob> jobs,
            LakehubProperties properties,
            io.lakehub.app.progress.IngestsInProgress ingests) {
        return new HubJobs(
                        pipelines.scheduler(),
                        id -> pipelines.config().pipeline(id).isPresent(),
                        id -> pipelines.runHere(id, TriggerKind.MANUAL),
                        jobs.orderedStream().toList(),
                        properties)
                .withIngests(ingests);
    }

    /** Depends on the jobs so that they are registered before the first fire. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> lakehubSchedulerStart(HubPipelines pipelines, HubJobs jobs) {
        return event -> pipelines.start();
    }
}

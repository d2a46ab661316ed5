package io.lakehub.app.pipelines;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.routes.pipeline.PipelineConfig;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pipelines as Spring beans: the configuration (validated; any problem stops the hub before it
 * serves anything), the scheduler (created after the catalog, whose migration runs first), the
 * pipelines' Camel routes, and the start of the schedules once the application is ready (Camel is
 * running then, so a catch-up fire finds its routes).
 */
@Configuration(proxyBeanMethods = false)
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
        return new HubPipelines(properties, config, camel, catalog.audit());
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
    PipelineRoutes lakehubPipelineRoutes(HubPipelines pipelines) {
        return new PipelineRoutes(pipelines, pipelines.config().pipelines(), true);
    }

    @Bean
    ApplicationListener<ApplicationReadyEvent> lakehubSchedulerStart(HubPipelines pipelines) {
        return event -> pipelines.start();
    }
}

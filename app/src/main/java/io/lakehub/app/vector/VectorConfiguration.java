package io.lakehub.app.vector;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.security.QueryAccess;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigException;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub's vector indexes ({@code lakehub.vector.enabled}, on by default): {@link HubIndexes}, which
 * also hears the change feed ({@code on-commit} indexes) and erasures (it is an {@link
 * io.lakehub.catalog.erasure.ErasureListener}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({VectorProperties.class, AutotuneProperties.class})
public class VectorConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "lakehub.vector", name = "enabled", havingValue = "true", matchIfMissing = true)
    HubIndexes lakehubIndexes(
            Catalog catalog,
            ObjectProvider<SqlEngine> engine,
            VectorProperties properties,
            ObjectProvider<QueryAccess> access,
            ObjectProvider<PipelineConfig> pipelineConfig,
            ObjectProvider<HubPipelines> pipelines,
            LakehubProperties lakehub) {
        HubIndexes indexes = new HubIndexes(
                catalog,
                engine::getObject,
                properties,
                access.getIfAvailable(),
                () -> EmbeddingProviders.create(properties, System::getenv));
        // embed: keys of the pipelines: checked against the catalog at start-up (the configuration as
        // loaded; an unknown index stops the hub, naming file, line and key), followed after each
        // commit (the configuration as it is now: the pipelines reload).
        List<ConfigProblem> unknown = indexes.unknownEmbedIndexes(pipelineConfig.getIfAvailable());
        if (!unknown.isEmpty()) {
            indexes.close();
            throw new PipelineConfigException(unknown);
        }
        // The launcher adds the Vector API module to homes that serve indexes (ADR 0058).
        indexes.onServing(new VectorApiHint(lakehub.homePath())::servesIndexes);
        indexes.followPipelines(() -> {
            HubPipelines running = pipelines.getIfAvailable();
            return running != null ? running.config() : pipelineConfig.getIfAvailable();
        });
        // cron: refresh policies are Quartz jobs of the hub's scheduler (clustered when configured, ADR 0053),
        // synced when the indexes start.
        indexes.scheduleRefreshesOn(() -> {
            HubPipelines running = pipelines.getIfAvailable();
            return running == null ? null : running.scheduler();
        });
        return indexes;
    }

    @Bean
    @ConditionalOnProperty(prefix = "lakehub.vector", name = "enabled", havingValue = "true", matchIfMissing = true)
    HubProfiles lakehubProfiles(
            Catalog catalog,
            HubIndexes indexes,
            ObjectProvider<io.lakehub.app.security.HubViews> views,
            VectorProperties properties) {
        return new HubProfiles(catalog, indexes, views.getIfAvailable(), properties.getMaxK());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "lakehub.vector", name = "enabled", havingValue = "true", matchIfMissing = true)
    HubTuning lakehubTuning(
            Catalog catalog, HubIndexes indexes, AutotuneProperties autotune, ObjectProvider<HubPipelines> pipelines) {
        // The agent's triggers are Quartz jobs of the hub's scheduler (clustered when configured, ADR 0048).
        HubPipelines hub = pipelines.getIfAvailable();
        return new HubTuning(catalog, indexes, autotune, hub == null ? null : hub.scheduler());
    }
}

package io.lakehub.app.metrics;

import io.lakehub.app.config.LakehubAutoConfiguration;
import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.commit.ChangeFeed;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

/**
 * The hub's meters (ADR 0019): {@link HubMetrics} observes the catalog's commits and the
 * scheduler's runs; {@link LakehubAutoConfiguration} wraps the ingest service in {@link
 * MeteredIngestService}; the SQL controller times its queries; Camel's route exchanges and the
 * queued work are registered here. Exposed at {@code /actuator/prometheus}.
 */
@AutoConfiguration(
        after = LakehubAutoConfiguration.class,
        afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(MeterRegistry.class)
public class HubMetricsConfiguration {

    @Bean
    HubMetrics lakehubMetrics(MeterRegistry registry) {
        return new HubMetrics(registry);
    }

    /** Subscribes the meters to the catalog's commits; unsubscribed when the application stops. */
    @Bean(destroyMethod = "close")
    ChangeFeed.Subscription lakehubCommitMetrics(Catalog catalog, HubMetrics metrics) {
        return catalog.changes().observe(metrics);
    }

    /** Pipeline and maintenance runs, heard from the scheduler (which stops with the application). */
    @Bean
    RunMetricsRegistration lakehubRunMetrics(HubPipelines pipelines, HubMetrics metrics) {
        pipelines.scheduler().addRunListener(metrics);
        return new RunMetricsRegistration();
    }

    /** Camel adds every EventNotifier bean to its management strategy. */
    @Bean
    RouteExchangeMetrics lakehubRouteExchangeMetrics(MeterRegistry registry) {
        return new RouteExchangeMetrics(registry);
    }

    @Bean
    QueuedWorkMetrics lakehubQueuedWorkMetrics(LakehubProperties properties, ObjectProvider<HubPipelines> pipelines) {
        boolean inbox = properties.getInbox().isEnabled();
        return new QueuedWorkMetrics(
                inbox ? properties.homePath().resolve("inbox") : null,
                () -> pipelines.getObject().scheduler());
    }

    /** Marks that the run listener is registered (the scheduler offers no removal: it lives as long as the hub). */
    static final class RunMetricsRegistration {}
}

package io.lakehub.app.webhooks;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.catalog.Catalog;
import org.apache.camel.CamelContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The webhook sources and the raw-body filter as Spring beans. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    /** Closed before the pipelines and the catalog: what waits is committed first. */
    @Bean(destroyMethod = "close")
    HubWebhooks lakehubWebhooks(
            HubPipelines pipelines,
            Catalog catalog,
            CamelContext camel,
            WebhookProperties webhooks,
            LakehubProperties properties) {
        return new HubWebhooks(
                pipelines, catalog, camel, webhooks, properties.homePath().resolve("tmp"));
    }

    /** One request from its raw parts to its answer, for the filter and the controller. */
    @Bean
    WebhookReceiver lakehubWebhookReceiver(HubWebhooks webhooks) {
        return new WebhookReceiver(webhooks);
    }

    /** Right after the raw-body filter: webhook requests are answered without Spring MVC's dispatch. */
    @Bean
    FilterRegistrationBean<WebhookFilter> lakehubWebhookFilter(WebhookReceiver receiver) {
        FilterRegistrationBean<WebhookFilter> registration = new FilterRegistrationBean<>(new WebhookFilter(receiver));
        registration.addUrlPatterns("/api/webhooks/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Ahead of every other filter, so nothing reads the signed body before it is kept. */
    @Bean
    FilterRegistrationBean<RawBodyFilter> lakehubRawBodyFilter(WebhookProperties webhooks) {
        FilterRegistrationBean<RawBodyFilter> registration = new FilterRegistrationBean<>(
                new RawBodyFilter(webhooks.getMaxBodySize().toBytes()));
        registration.addUrlPatterns("/api/webhooks/*", "/api/pipelines/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }
}

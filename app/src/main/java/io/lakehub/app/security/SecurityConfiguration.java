package io.lakehub.app.security;

import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The hub's access control (ADR 0030): reads the keys and roles, refuses to serve a non-loopback
 * address without keys, and puts the {@link AccessFilter} in front of the API. The column
 * sensitivities come from a {@link ColumnSensitivity} bean when the application defines one, none
 * otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The keys and roles; fails the start when they cannot be understood or when the server would
     * serve another address than loopback without keys.
     */
    @Bean
    ApiKeys lakehubApiKeys(SecurityProperties properties, Environment environment) {
        ApiKeys keys = ApiKeys.from(properties, System.getenv());
        Optional<String> warning = BindingCheck.check(
                environment.getProperty("server.address"), keys.enabled(), properties.isAllowAnonymous());
        warning.ifPresent(LOG::warn);
        if (keys.enabled()) {
            LOG.info(
                    "The API requires an API key; {} key(s) configured: {}",
                    keys.names().size(),
                    keys.names());
        }
        return keys;
    }

    /**
     * After the webhooks' raw-body filter ({@code + 2}) and the webhook filter ({@code + 3}, which
     * answers {@code /api/webhooks/*} itself: webhooks keep their own per-pipeline signatures and are
     * exempt here anyway), before everything else.
     */
    @Bean
    FilterRegistrationBean<AccessFilter> lakehubAccessFilter(ApiKeys keys, SecurityProperties properties) {
        FilterRegistrationBean<AccessFilter> registration =
                new FilterRegistrationBean<>(new AccessFilter(keys, !keys.enabled() && !properties.isAllowAnonymous()));
        registration.addUrlPatterns("/api/*", "/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 4);
        return registration;
    }

    @Bean
    QueryAccess lakehubQueryAccess(
            ObjectProvider<SqlEngine> engine,
            Catalog catalog,
            ObjectProvider<ColumnSensitivity> sensitivity,
            ApiKeys keys) {
        return new QueryAccess(engine::getObject, catalog, sensitivity.getIfUnique(() -> ColumnSensitivity.NONE), keys);
    }

    /** Registers the redaction functions and the stored views in DuckDB as the hub starts. */
    @Bean(initMethod = "start")
    HubViews lakehubViews(
            ObjectProvider<SqlEngine> engine, Catalog catalog, QueryAccess access, Environment environment) {
        return new HubViews(
                engine::getObject,
                catalog,
                access,
                HubViews.hashKey(environment).orElse(null));
    }
}

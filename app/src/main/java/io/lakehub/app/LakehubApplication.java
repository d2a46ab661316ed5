package io.lakehub.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The hub as a Spring Boot application: the HTTP API (controllers in {@code io.lakehub.app.api}),
 * Camel with the inbox route, and the back ends from {@link
 * io.lakehub.app.config.LakehubAutoConfiguration}. Started by {@code lakehub run}.
 *
 * <p>Spring Boot's own DataSource and Flyway set-up stay off: the catalog runs its migrations on
 * its own pool, and a second, Spring-managed database would only confuse. The other exclusions are
 * auto-configurations nothing in the hub uses, left out for a shorter start (ADR 0050).
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            // Nothing in the hub uses these; each was parsed, its conditions evaluated and its beans made at
            // every start (ADR 0050, docs/startup.md). No DataSource, so no transactions or SQL init:
            "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
            "org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizationAutoConfiguration",
            "org.springframework.boot.autoconfigure.dao.PersistenceExceptionTranslationAutoConfiguration",
            "org.springframework.boot.autoconfigure.sql.init.SqlInitializationAutoConfiguration",
            // No outgoing HTTP through Spring's clients (the CLI uses HttpURLConnection, Camel its own):
            "org.springframework.boot.autoconfigure.web.client.RestTemplateAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.observation.web.client.HttpClientObservationsAutoConfiguration",
            // JSON is Jackson's; no WebSocket endpoints, no multipart uploads, no Netty server:
            "org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration",
            "org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration",
            "org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration",
            "org.springframework.boot.autoconfigure.netty.NettyAutoConfiguration",
            // Camel's deprecated service-call (cloud) support: no route uses serviceCall.
            "org.apache.camel.spring.boot.cloud.CamelCloudAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceCallConfigurationAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceChooserAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceDiscoveryAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceFilterAutoConfiguration"
        })
public class LakehubApplication {}

package io.lakehub.app;

import io.lakehub.app.aot.PreparedContext;
import io.lakehub.app.api.ApiDocumentation;
import io.lakehub.app.api.ApiExceptionHandler;
import io.lakehub.app.api.AuditController;
import io.lakehub.app.api.DatasetController;
import io.lakehub.app.api.ErasureController;
import io.lakehub.app.api.IndexController;
import io.lakehub.app.api.IndexTuningController;
import io.lakehub.app.api.IngestController;
import io.lakehub.app.api.JobController;
import io.lakehub.app.api.PipelineController;
import io.lakehub.app.api.ProfileController;
import io.lakehub.app.api.RunLogController;
import io.lakehub.app.api.SqlController;
import io.lakehub.app.api.SqlTextConverter;
import io.lakehub.app.api.ViewController;
import io.lakehub.app.api.WebhookController;
import io.lakehub.app.erasure.ErasureConfiguration;
import io.lakehub.app.iceberg.IcebergController;
import io.lakehub.app.maintenance.MaintenanceJobs;
import io.lakehub.app.pipelines.PipelineConfiguration;
import io.lakehub.app.pipelines.RunLogs;
import io.lakehub.app.security.AccessExceptionHandler;
import io.lakehub.app.security.SecurityConfiguration;
import io.lakehub.app.vector.VectorConfiguration;
import io.lakehub.app.webhooks.WebhookConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The hub as a Spring Boot application: the HTTP API (controllers in {@code io.lakehub.app.api}),
 * Camel with the inbox route, and the back ends from {@link
 * io.lakehub.app.config.LakehubAutoConfiguration}. Started by {@code lakehub run}.
 *
 * <p>Spring Boot's own DataSource and Flyway set-up stay off: the catalog runs its migrations on
 * its own pool, and a second, Spring-managed database would only confuse. The other exclusions are
 * auto-configurations nothing in the hub uses, left out for a shorter start (ADR 0050).
 *
 * <p>The hub's components are imported by name instead of found by a class-path scan (ADR 0062): a scan read
 * all ~300 classes of {@code io.lakehub.app} at every start to find these 25. {@code
 * LakehubApplicationTest} scans the package and fails when a component is missing here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
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
            // Tomcat's session metrics (the hub keeps no HTTP sessions; its thread and request metrics would need
            // Tomcat's MBean registry, which is off): binding them started the JVM's platform MBean server at every
            // start, ~0.1 s of the main thread (ADR 0065). http.server.requests stays.
            "org.springframework.boot.actuate.autoconfigure.metrics.web.tomcat.TomcatMetricsAutoConfiguration",
            // Camel's deprecated service-call (cloud) support: no route uses serviceCall.
            "org.apache.camel.spring.boot.cloud.CamelCloudAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceCallConfigurationAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceChooserAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceDiscoveryAutoConfiguration",
            "org.apache.camel.spring.boot.cloud.CamelCloudServiceFilterAutoConfiguration"
        })
@Import({
    // The HTTP API
    AuditController.class,
    DatasetController.class,
    ErasureController.class,
    IcebergController.class,
    IndexController.class,
    IndexTuningController.class,
    IngestController.class,
    JobController.class,
    PipelineController.class,
    ProfileController.class,
    RunLogController.class,
    SqlController.class,
    ViewController.class,
    WebhookController.class,
    ApiExceptionHandler.class,
    AccessExceptionHandler.class,
    SqlTextConverter.class,
    ApiDocumentation.class,
    // The hub's features
    ErasureConfiguration.class,
    MaintenanceJobs.class,
    PipelineConfiguration.class,
    RunLogs.class,
    SecurityConfiguration.class,
    VectorConfiguration.class,
    WebhookConfiguration.class
})
public class LakehubApplication {
    /**
     * Run by Spring Boot's {@code process-aot} goal when the application is built, to prepare the hub's context
     * ({@link PreparedContext}, ADR 0066). Not a way to start a hub: {@code ./lakehub run} takes the home's lock,
     * checks the configuration and then starts it.
     *
     * @throws IllegalStateException when not run by Spring's AOT processing
     */
    public static void main(String[] args) {
        if (!Boolean.getBoolean(PreparedContext.SPRING_AOT_PROCESSING)) {
            throw new IllegalStateException(
                    "LakehubApplication.main prepares the hub's context when the application is built; start a hub"
                            + " with ./lakehub run");
        }
        PreparedContext.hubApplication(false).run(args);
    }
}

package io.lakehub.app.config;

import io.lakehub.app.governance.ScannedColumnSensitivity;
import io.lakehub.app.health.CatalogHealthIndicator;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubAnnouncer;
import io.lakehub.app.hub.HubApi;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.app.hub.LocalHubApi;
import io.lakehub.app.hub.ServerPipelineAccess;
import io.lakehub.app.maintenance.HubJobs;
import io.lakehub.app.pipelines.HubPipelines;
import io.lakehub.app.pipelines.PipelineConfiguration;
import io.lakehub.app.security.ColumnSensitivity;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.routes.cdc.CdcComponent;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.routes.inbox.InboxRoute;
import io.lakehub.routes.inbox.InboxSettings;
import io.lakehub.routes.jdbc.JdbcPollerComponent;
import io.lakehub.routes.kafka.KafkaPipelineComponent;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Builds the hub from {@link LakehubProperties}: takes the home lock, opens the catalog, query
 * engine and ingest pipeline (closed in reverse order on shutdown, the lock last), registers the
 * {@code lakehub:} Camel component and the inbox route, announces the server in {@code hub.json},
 * and schedules the maintenance jobs (orphan sweep). The back ends come from a {@link HubBackends} bean, {@link
 * DefaultHubBackends} unless the application defines another.
 */
@AutoConfiguration
@EnableConfigurationProperties({LakehubProperties.class, KafkaProperties.class})
@Import({PipelineConfiguration.class, io.lakehub.app.webhooks.WebhookConfiguration.class})
public class LakehubAutoConfiguration {

    /** The beans that only answer requests are made on their first request (ADR 0058). */
    @Bean
    static LazyWebBeans lakehubLazyWebBeans() {
        return new LazyWebBeans();
    }

    /** Jackson's mix-in entries without a scan of the application's package: the hub has none (ADR 0065). */
    @Bean
    static NoJsonMixinScan lakehubNoJsonMixinScan() {
        return new NoJsonMixinScan();
    }

    private static final Logger LOG = LoggerFactory.getLogger(LakehubAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    HubBackends hubBackends() {
        return new DefaultHubBackends();
    }

    /** Held for the application's lifetime; every bean touching the home depends on it. */
    @Bean
    HomeLock homeLock(LakehubProperties properties) {
        Path home = properties.homePath();
        LOG.info("Lakehub home {} ({})", home, properties);
        return HomeLock.tryAcquire(home, HomeLock.Kind.HUB)
                .orElseThrow(() -> new IllegalStateException(home + " is in use by another Lakehub process"
                        + HomeLock.recordedHolder(home)
                                .map(h -> " (" + h.kind().name().toLowerCase(java.util.Locale.ROOT) + ", pid " + h.pid()
                                        + ")")
                                .orElse("")
                        + "; one hub per home. Stop it, or start this hub with another --home."));
    }

    @Bean
    Catalog lakehubCatalog(HomeLock homeLock, HubBackends backends, LakehubProperties properties) {
        return backends.openCatalog(properties);
    }

    /** The PII columns a role without clearance may not read (ADR 0030), from the scan results (ADR 0029). */
    @Bean
    @ConditionalOnMissingBean
    ColumnSensitivity lakehubColumnSensitivity(Catalog catalog) {
        return new ScannedColumnSensitivity(catalog);
    }

    @Bean
    SqlEngine lakehubSqlEngine(Catalog catalog, HubBackends backends, LakehubProperties properties) {
        return backends.openSqlEngine(catalog, properties);
    }

    /** The ingests in progress on this hub, with their progress ({@code GET /api/ingests}, running runs). */
    @Bean
    io.lakehub.app.progress.IngestsInProgress lakehubIngestsInProgress() {
        return new io.lakehub.app.progress.IngestsInProgress();
    }

    /**
     * Metered ({@code lakehub.ingest.*}) when the application has a meter registry; every ingest is
     * listed with its progress while it runs.
     */
    @Bean
    IngestService lakehubIngestService(
            Catalog catalog,
            HubBackends backends,
            LakehubProperties properties,
            ObjectProvider<io.lakehub.app.metrics.HubMetrics> metrics,
            io.lakehub.app.progress.IngestsInProgress ingests) {
        IngestService ingest = backends.openIngestService(catalog, properties);
        io.lakehub.app.metrics.HubMetrics m = metrics.getIfAvailable();
        return ingests.tracking(m == null ? ingest : new io.lakehub.app.metrics.MeteredIngestService(ingest, m));
    }

    /** What the HTTP controllers call; ingests and drops through the API are recorded as actor {@code http}. */
    @Bean
    HubApi lakehubApi(
            Catalog catalog,
            SqlEngine sqlEngine,
            IngestService ingestService,
            HubPipelines pipelines,
            ObjectProvider<HubJobs> jobs,
            io.lakehub.app.progress.IngestsInProgress ingests,
            ObjectProvider<io.lakehub.app.erasure.ErasureService> erasures) {
        return new LocalHubApi(catalog, sqlEngine, ingestService, new ServerPipelineAccess(pipelines, ingests), "http")
                .withJobs(jobs::getObject)
                .withIngests(ingests)
                .withErasures(erasures::getIfAvailable);
    }

    /** The {@code lakehub:} component; Camel finds components in the registry by bean name. */
    @Bean("lakehub")
    LakehubComponent lakehubComponent(IngestService ingestService, LakehubProperties properties) {
        return new LakehubComponent(ingestService, properties.homePath().resolve("tmp"));
    }

    /**
     * The {@code lakehub-jdbc:} component (database pollers); pollers resume from the position the
     * catalog committed with their last rows.
     */
    @Bean("lakehub-jdbc")
    JdbcPollerComponent lakehubJdbcComponent(Catalog catalog) {
        return new JdbcPollerComponent(catalog::sourcePosition);
    }

    /**
     * The {@code lakehub-cdc:} component (PostgreSQL change data capture); the engine restarts from the
     * replication position the catalog committed with the last changes.
     */
    @Bean("lakehub-cdc")
    CdcComponent lakehubCdcComponent(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Compaction c = properties.getCompaction();
        CompactionThresholds thresholds;
        try {
            thresholds = new CompactionThresholds(
                    c.getMinMarkerRows(), c.getMinMarkerRatio(), c.getStreamMinFiles(), c.getRemovedFileGrace());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lakehub.compaction.* is invalid: " + e.getMessage(), e);
        }
        Compactor compactor = new Compactor(catalog, ParquetWriteOptions.defaults(), thresholds);
        return new CdcComponent(catalog::sourcePosition, compactor::compactIfNeeded);
    }

    /**
     * The {@code lakehub-kafka:} component ({@code from: "kafka:..."} pipelines); consumers seek to
     * the positions the catalog committed with their last batch.
     */
    @Bean("lakehub-kafka")
    KafkaPipelineComponent lakehubKafkaComponent(Catalog catalog, KafkaProperties kafka) {
        return new KafkaPipelineComponent(catalog::sourcePosition, kafka.toSettings());
    }

    /**
     * The {@code nats:} component: camel-nats, except that a JetStream consumer acknowledges each
     * message after the commit holding it (ADR 0032).
     */
    @Bean("nats")
    io.lakehub.app.brokers.HubNatsComponent lakehubNatsComponent() {
        return new io.lakehub.app.brokers.HubNatsComponent();
    }

    /**
     * The {@code paho-mqtt5:} component: camel-paho-mqtt5, except that its consumer handles the
     * messages a persistent session sends right after connecting (ADR 0036).
     */
    @Bean("paho-mqtt5")
    io.lakehub.app.brokers.HubMqttComponent lakehubMqttComponent() {
        return new io.lakehub.app.brokers.HubMqttComponent();
    }

    @Bean
    @ConditionalOnProperty(prefix = "lakehub.inbox", name = "enabled", matchIfMissing = true)
    InboxRoute lakehubInboxRoute(LakehubProperties properties) {
        LakehubProperties.Inbox inbox = properties.getInbox();
        return new InboxRoute(new InboxSettings(
                properties.homePath().resolve("inbox"), inbox.getPollDelay(), inbox.getReadLockMinAge()));
    }

    @Bean
    HubAnnouncer lakehubAnnouncer(
            HomeLock homeLock, LakehubProperties properties, ObjectProvider<ServerProperties> server) {
        ServerProperties s = server.getIfAvailable();
        return new HubAnnouncer(properties.homePath(), s == null ? null : s.getAddress());
    }

    @Bean("catalogHealthIndicator")
    CatalogHealthIndicator catalogHealthIndicator(Catalog catalog) {
        return new CatalogHealthIndicator(catalog);
    }
}

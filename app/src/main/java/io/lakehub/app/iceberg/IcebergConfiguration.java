package io.lakehub.app.iceberg;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.processors.iceberg.IcebergPublisher;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Iceberg tables for every dataset (ADR 0039), on unless {@code lakehub.iceberg.enabled=false}. Only
 * for the hub's JDBC catalog (a test double has no database to put Iceberg's catalog in).
 */
@AutoConfiguration(after = io.lakehub.app.config.LakehubAutoConfiguration.class)
@EnableConfigurationProperties(IcebergProperties.class)
@ConditionalOnProperty(prefix = "lakehub.iceberg", name = "enabled", havingValue = "true", matchIfMissing = true)
public class IcebergConfiguration {

    @Bean(destroyMethod = "close")
    IcebergPublishing lakehubIcebergPublishing(
            Catalog catalog, LakehubProperties lakehub, IcebergProperties properties) {
        return new IcebergPublishing(
                catalog,
                catalog instanceof io.lakehub.catalog.store.JdbcCatalog ? () -> publisher(catalog, lakehub) : null,
                properties);
    }

    /** The publisher on the hub's catalog database (embedded H2 or the configured one). */
    public static IcebergPublisher publisher(Catalog catalog, LakehubProperties lakehub) {
        LakehubProperties.Catalog c = lakehub.getCatalog();
        if (c.isEmbedded()) {
            CatalogSettings embedded = CatalogSettings.embedded(lakehub.homePath());
            return new IcebergPublisher(catalog, embedded.jdbcUrl(), embedded.username(), embedded.password());
        }
        return new IcebergPublisher(catalog, c.getUrl(), c.getUsername(), c.getPassword());
    }

    /** Rebuilds one dataset's table with a publisher of its own (the CLI on a home no hub holds). */
    public static IcebergRebuild rebuild(
            Catalog catalog, LakehubProperties lakehub, io.lakehub.catalog.DatasetName dataset) {
        try (IcebergPublisher publisher = publisher(catalog, lakehub)) {
            return IcebergPublishing.rebuildDocument(publisher.rebuild(dataset));
        }
    }
}

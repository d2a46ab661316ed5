package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.routes.component.IngestService;

/**
 * The production back ends: JDBC catalog (embedded H2 under the home, or the configured
 * database), DuckDB query engine, and the ingest pipeline.
 */
public final class DefaultHubBackends implements HubBackends {

    @Override
    public Catalog openCatalog(LakehubProperties properties) {
        LakehubProperties.Catalog c = properties.getCatalog();
        CatalogSettings embedded = CatalogSettings.embedded(properties.homePath());
        CatalogSettings settings = c.isEmbedded()
                ? new CatalogSettings(
                        embedded.jdbcUrl(),
                        embedded.username(),
                        embedded.password(),
                        embedded.lakeRoot(),
                        c.getMaxPoolSize())
                : new CatalogSettings(
                        c.getUrl(), c.getUsername(), c.getPassword(), embedded.lakeRoot(), c.getMaxPoolSize());
        return JdbcCatalog.open(settings);
    }

    @Override
    public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Query q = properties.getQuery();
        return new DuckDbSqlEngine(
                catalog,
                new QuerySettings(
                        q.getMaxRows(), q.getThreads(), q.getMemoryLimit().isBlank() ? null : q.getMemoryLimit()));
    }

    @Override
    public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Ingest in = properties.getIngest();
        IngestSettings settings = IngestSettings.defaults();
        if (in.getBatchRows() > 0) {
            settings = settings.withBatchRows(in.getBatchRows());
        }
        if (in.getWriterThreads() > 0) {
            settings = settings.withWriterThreads(in.getWriterThreads());
        }
        Ingestor ingestor = new Ingestor(catalog, settings);
        return new IngestService() {
            @Override
            public IngestResult ingest(IngestRequest request) {
                return ingestor.ingest(request);
            }

            @Override
            public void close() {
                ingestor.close();
            }
        };
    }
}

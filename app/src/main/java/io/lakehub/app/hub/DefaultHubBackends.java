package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.routes.component.IngestService;

/**
 * The production back ends: JDBC catalog (embedded H2 under the home, or the configured
 * database), DuckDB query engine, and the ingest pipeline.
 *
 * <p>TEMPORARY: the implementations (io.lakehub.catalog.store.JdbcCatalog, DuckDbSqlEngine,
 * io.lakehub.processors.ingest.Ingestor) are being written on other branches. Until they are merged,
 * each method says so; the intended wiring is in the comment beside it, so the swap is a few lines.
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
        // TEMPORARY stand-in. Once csv-pipeline is merged (IngestSettings fields as that branch defines them):
        //   Ingestor ingestor = new Ingestor(catalog, new IngestSettings(...batch-rows, writer-threads...));
        //   return new IngestService() {
        //       public IngestResult ingest(IngestRequest r) { return ingestor.ingest(r); }
        //       public void close() { /* ingestor.close() if it holds threads */ }
        //   };
        throw notMergedYet("io.lakehub.processors.ingest.Ingestor");
    }

    private static BackendNotWiredException notMergedYet(String implementation) {
        return new BackendNotWiredException(implementation);
    }
}

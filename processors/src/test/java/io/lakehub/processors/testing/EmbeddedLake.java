package io.lakehub.processors.testing;

import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.nio.file.Path;

/**
 * The hub's real back ends in a test's home: the embedded JDBC catalog (H2), the {@link Ingestor}
 * with the upsert-capable commit planner (as the hub builds it) and the DuckDB SQL engine over the
 * lake. One place for what the tests on the real catalog set up; closed in reverse order.
 */
public record EmbeddedLake(JdbcCatalog catalog, Ingestor ingestor, DuckDbSqlEngine sql) implements AutoCloseable {

    public static EmbeddedLake open(Path home) {
        JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        Ingestor ingestor = new Ingestor(
                catalog,
                IngestSettings.defaults().withWriterThreads(2),
                dataset -> null,
                new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()));
        DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog, new QuerySettings(100_000, 0, null));
        return new EmbeddedLake(catalog, ingestor, sql);
    }

    @Override
    public void close() {
        sql.close();
        ingestor.close();
        catalog.close();
    }
}

package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.InvalidDatasetNameException;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The production back ends: JDBC catalog (embedded H2 under the home, or the configured
 * database) over the lake at {@code lakehub.lake.path} (default {@code <home>/lake}), DuckDB query
 * engine, and the ingest pipeline.
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
                        properties.lakePath(),
                        c.getMaxPoolSize())
                : new CatalogSettings(
                        c.getUrl(), c.getUsername(), c.getPassword(), properties.lakePath(), c.getMaxPoolSize());
        return JdbcCatalog.open(settings);
    }

    @Override
    public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
        LakehubProperties.Query q = properties.getQuery();
        return new DuckDbSqlEngine(
                catalog,
                new QuerySettings(
                        q.getMaxRows(),
                        q.getThreads(),
                        q.getMemoryLimit().isBlank() ? null : q.getMemoryLimit(),
                        q.getViewCheckInterval() == null ? Duration.ZERO : q.getViewCheckInterval(),
                        Math.max(0, q.getMergedRowsLimit())));
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
        Map<DatasetName, ReadOptions> configured = datasetReadOptions(properties);
        // Every entry (inbox, pipelines, CLI, HTTP) runs through this one chain; the per-dataset read
        // settings fill in what a request leaves unset.
        // Appends and upserts (merge-on-read, ADR 0009).
        Map<DatasetName, java.util.List<String>> keys = new HashMap<>();
        properties.getDatasets().forEach((name, d) -> {
            if (!d.getKey().isEmpty()) {
                keys.put(DatasetName.of(name), java.util.List.copyOf(d.getKey()));
            }
        });
        Map<DatasetName, BadRowPolicy> badRows = datasetBadRowPolicies(properties);
        return new Ingestor(
                        catalog,
                        settings,
                        configured::get,
                        badRows::get,
                        new UpsertCommitPlanner(
                                catalog,
                                settings.parquet(),
                                dataset -> keys.getOrDefault(dataset, java.util.List.of())))
                .governedBy(properties.getPii().governance());
    }

    /** {@code lakehub.datasets.*.on-bad-rows} and {@code max-bad-rows}, checked: a bad value stops the start, naming the key. */
    static Map<DatasetName, BadRowPolicy> datasetBadRowPolicies(LakehubProperties properties) {
        Map<DatasetName, BadRowPolicy> result = new HashMap<>();
        properties.getDatasets().forEach((name, settings) -> {
            String key = "lakehub.datasets." + name;
            BadRowPolicy policy = settings.toBadRowPolicy(key);
            if (policy != null && DatasetName.isValid(name)) {
                result.put(DatasetName.of(name), policy);
            }
        });
        return Map.copyOf(result);
    }

    /** {@code lakehub.datasets.*}, checked: a bad name, type, charset or delimiter stops the start, naming the key. */
    static Map<DatasetName, ReadOptions> datasetReadOptions(LakehubProperties properties) {
        Map<DatasetName, ReadOptions> result = new HashMap<>();
        properties.getDatasets().forEach((name, settings) -> {
            String key = "lakehub.datasets." + name;
            DatasetName dataset;
            try {
                dataset = DatasetName.of(name);
            } catch (InvalidDatasetNameException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
            result.put(dataset, settings.toReadOptions(key));
        });
        return Map.copyOf(result);
    }
}

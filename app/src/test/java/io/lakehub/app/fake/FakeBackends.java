package io.lakehub.app.fake;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;
import io.lakehub.processors.testing.RecordingIngestService;
import io.lakehub.testing.InMemoryCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test back ends. One {@link InMemoryCatalog} per home, kept across opens like a database on disk,
 * so a hub and later CLI commands in one test see the same data.
 */
public final class FakeBackends implements HubBackends {
    private final Map<Path, InMemoryCatalog> catalogs = new HashMap<>();
    public final AtomicInteger opened = new AtomicInteger();

    @Override
    public synchronized Catalog openCatalog(LakehubProperties properties) {
        opened.incrementAndGet();
        Path home = properties.homePath();
        return catalogs.computeIfAbsent(home, h -> new InMemoryCatalog(h.resolve("lake")));
    }

    public synchronized InMemoryCatalog catalog(Path home) {
        return catalogs.get(home.toAbsolutePath().normalize());
    }

    @Override
    public SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties) {
        return new FakeSqlEngine(properties.getQuery().getMaxRows());
    }

    @Override
    public IngestService openIngestService(Catalog catalog, LakehubProperties properties) {
        return new RecordingIngestService(catalog);
    }
}

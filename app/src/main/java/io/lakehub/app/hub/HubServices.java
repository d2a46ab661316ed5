package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;

/**
 * The back ends a CLI command works with on a home no server holds. The catalog opens at once; the
 * query engine and the ingest pipeline only when the command needs them (starting DuckDB costs
 * more than listing datasets does). Closed in reverse order of opening. The server holds the same
 * three as Spring beans instead.
 */
public final class HubServices implements AutoCloseable {
    private final HubBackends backends;
    private final LakehubProperties properties;
    private final Catalog catalog;
    private SqlEngine sqlEngine;
    private IngestService ingestService;
    private final io.lakehub.app.progress.IngestsInProgress ingests = new io.lakehub.app.progress.IngestsInProgress();

    private HubServices(HubBackends backends, LakehubProperties properties, Catalog catalog) {
        this.backends = backends;
        this.properties = properties;
        this.catalog = catalog;
    }

    public static HubServices open(HubBackends backends, LakehubProperties properties) {
        return new HubServices(backends, properties, backends.openCatalog(properties));
    }

    public Catalog catalog() {
        return catalog;
    }

    public synchronized SqlEngine sqlEngine() {
        if (sqlEngine == null) {
            sqlEngine = backends.openSqlEngine(catalog, properties);
        }
        return sqlEngine;
    }

    public synchronized IngestService ingestService() {
        if (ingestService == null) {
            ingestService = ingests.tracking(backends.openIngestService(catalog, properties));
        }
        return ingestService;
    }

    /** The ingests in progress in this command, with their progress (its progress bar reads them). */
    public io.lakehub.app.progress.IngestsInProgress ingests() {
        return ingests;
    }

    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (AutoCloseable resource : new AutoCloseable[] {ingestService, sqlEngine, catalog}) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}

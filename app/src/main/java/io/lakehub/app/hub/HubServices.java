package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.routes.component.IngestService;

/**
 * The back ends a CLI command opens on a home no server holds; closed in reverse order of
 * opening. (The server holds the same three as Spring beans.)
 */
public record HubServices(Catalog catalog, SqlEngine sqlEngine, IngestService ingestService) implements AutoCloseable {

    /** Opens all three, or none: whatever was opened before a failure is closed again. */
    public static HubServices open(HubBackends backends, LakehubProperties properties) {
        Catalog catalog = backends.openCatalog(properties);
        SqlEngine engine = null;
        try {
            engine = backends.openSqlEngine(catalog, properties);
            IngestService ingest = backends.openIngestService(catalog, properties);
            return new HubServices(catalog, engine, ingest);
        } catch (RuntimeException e) {
            closeAll(e, engine, catalog);
            throw e;
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        try {
            ingestService.close();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            closeAll(failure, sqlEngine, catalog);
        } catch (RuntimeException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each resource; failures are added to {@code primary}, or thrown if there is none. */
    private static void closeAll(RuntimeException primary, AutoCloseable... resources) {
        RuntimeException failure = primary;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException re ? re : new IllegalStateException(e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (primary == null && failure != null) {
            throw failure;
        }
    }
}

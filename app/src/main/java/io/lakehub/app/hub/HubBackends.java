package io.lakehub.app.hub;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.processors.ingest.IngestService;

/**
 * Builds the hub's back ends from its settings. Everything else in the app codes against the
 * {@link Catalog}, {@link SqlEngine} and {@link IngestService} contracts; {@link
 * DefaultHubBackends} is the one place that names the implementations. Tests substitute their own.
 */
public interface HubBackends {

    /** Opens (and migrates) the catalog the settings point at. */
    Catalog openCatalog(LakehubProperties properties);

    SqlEngine openSqlEngine(Catalog catalog, LakehubProperties properties);

    IngestService openIngestService(Catalog catalog, LakehubProperties properties);
}

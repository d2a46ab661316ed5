package io.lakehub.routes.component;

import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;

/**
 * What the component needs from the ingest pipeline: one source file into one dataset. The hub
 * wires the processors' {@code Ingestor} in ({@code ingestor::ingest}); keeping this seam narrow
 * lets the component be started without a catalog and tested without one.
 */
@FunctionalInterface
public interface IngestService extends AutoCloseable {

    /**
     * Ingests the request's file and returns what was committed (or that the same bytes were
     * committed before).
     *
     * @throws io.lakehub.processors.ingest.IngestRefusedException when the source is refused;
     *     nothing was committed
     * @throws io.lakehub.catalog.commit.CatalogUnavailableException when the catalog could not
     *     commit; the source may be delivered again
     */
    IngestResult ingest(IngestRequest request);

    /** Releases the pipeline's threads; the default holds none. */
    @Override
    default void close() {}
}

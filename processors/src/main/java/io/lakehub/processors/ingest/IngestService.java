package io.lakehub.processors.ingest;

/**
 * The port every entry into the lake goes through: the inbox, pipelines (the {@code lakehub:} Camel
 * component), the CLI and the HTTP API hand an {@link IngestRequest} to it, and the {@link Ingestor}
 * runs it through the one chain (source, steps, Parquet sink, commit). Keeping this seam narrow lets
 * the Camel component be started and tested without a catalog.
 */
@FunctionalInterface
public interface IngestService extends AutoCloseable {

    /**
     * Runs the request's file or source through the chain into its dataset and returns what was
     * committed (or that the same bytes were committed before, or that nothing reached the sink).
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

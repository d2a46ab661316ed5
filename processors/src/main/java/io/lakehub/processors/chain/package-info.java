/**
 * The processor chain: a {@link io.lakehub.processors.chain.BatchSource} produces Arrow batches and
 * a position, {@link io.lakehub.processors.chain.Step}s see each batch before it is written (and
 * report findings), and the {@link io.lakehub.processors.chain.ParquetSink} writes Parquet; the
 * ingest commits the files together with the source's position and the steps' reports in one catalog
 * transaction, after which the catalog's change feed tells its listeners. No Camel here: the Camel
 * {@code Processor} step adapter lives in the routes module. See ADR 8.
 */
package io.lakehub.processors.chain;

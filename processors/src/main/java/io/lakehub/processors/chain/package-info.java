/**
 * The processor chain: a {@link io.lakehub.processors.chain.BatchSource} produces Arrow batches and
 * a position, steps see each batch before it is written, and the sink writes Parquet and commits
 * the files together with the source's position in one catalog transaction.
 */
package io.lakehub.processors.chain;

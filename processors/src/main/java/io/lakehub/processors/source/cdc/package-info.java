/**
 * Change data capture as a source of the processor chain: {@link
 * io.lakehub.processors.source.cdc.CdcSourceSpec} (what a {@code from: cdc} pipeline reads: a
 * PostgreSQL table through a logical replication slot) and {@link
 * io.lakehub.processors.source.cdc.ChangeBatch}, one batch of decoded changes handed to the ingest
 * with the replication position reached, committed in the same catalog transaction. Reading the
 * replication stream (the Debezium engine) lives in the routes module, {@code io.lakehub.routes.cdc}.
 */
package io.lakehub.processors.source.cdc;

/**
 * The {@code lakehub-cdc:} Camel component: PostgreSQL change data capture (logical replication,
 * pgoutput) through the Debezium embedded engine. Each batch of changes becomes one exchange whose
 * body is a {@link io.lakehub.processors.source.cdc.ChangeBatch}; the {@code lakehub:} producer
 * upserts it by the table's key and commits the replication position with the rows, in one catalog
 * transaction. Only then are the changes acknowledged to the engine (and the slot to PostgreSQL);
 * the engine restarts from the committed position ({@link
 * io.lakehub.routes.cdc.CatalogOffsetBackingStore}). ADR 0025.
 */
package io.lakehub.routes.cdc;

/**
 * The lakehouse catalog: what datasets exist, their schema versions, snapshots, data files, column
 * statistics, lineage and the audit journal. {@link io.lakehub.catalog.Catalog} is the one entry
 * point; it knows nothing of Camel or Spring so that every front end (routes, CLI, HTTP, later
 * Kafka and JDBC pollers) commits through the same transaction.
 */
package io.lakehub.catalog;

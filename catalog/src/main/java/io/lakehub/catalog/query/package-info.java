/**
 * SQL over the lake with DuckDB in-process: one view per dataset over its current snapshot's
 * files, the {@code lakehub_audit} view, and the guard that keeps the SQL surface read-only and
 * confined to the lake.
 */
package io.lakehub.catalog.query;

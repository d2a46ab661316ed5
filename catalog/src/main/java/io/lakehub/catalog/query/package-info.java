/**
 * SQL over the lake with DuckDB in-process: {@link io.lakehub.catalog.query.DuckDbSqlEngine} keeps
 * one view per dataset over its current snapshot's files and the {@code lakehub_audit} table, the
 * guard admits only a single read-only query, DuckDB's locked configuration confines file access to
 * the lake, and results are converted to JSON-friendly values.
 */
package io.lakehub.catalog.query;

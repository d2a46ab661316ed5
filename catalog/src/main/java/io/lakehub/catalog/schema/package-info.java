/**
 * The hub's own column types and schemas, independent of Arrow, Parquet and DuckDB, and the rules
 * by which a dataset's schema may evolve (new nullable columns, safe widening).
 */
package io.lakehub.catalog.schema;

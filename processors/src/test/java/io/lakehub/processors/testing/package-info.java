/**
 * Test helpers and doubles of this module's types: Arrow batch builders, DuckDB read-back, damaged
 * Parquet files, an ingest-service stand-in. Published as this module's test-jar (only this
 * package), which routes' and app's tests use; doubles of the catalog are in {@code
 * io.lakehub.testing} (module test-support).
 */
package io.lakehub.processors.testing;

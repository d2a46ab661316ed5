/**
 * Upsert datasets with merge-on-read (ADR 0009): the internal step that writes the hidden columns,
 * the commit planner that computes delete markers and row counts, and compaction; also small-file
 * compaction of append datasets (ADR 0057), which shares the rewrite through DuckDB and the lake's
 * Parquet writer.
 */
package io.lakehub.processors.upsert;

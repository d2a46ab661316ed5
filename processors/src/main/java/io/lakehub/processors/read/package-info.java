/**
 * Format readers: CSV, JSON array, NDJSON, Parquet and plain text into Arrow batches, with type
 * inference and per-column type overrides. Each reader follows open / read / close and reports
 * failures with the line (or record) and column at fault.
 */
package io.lakehub.processors.read;

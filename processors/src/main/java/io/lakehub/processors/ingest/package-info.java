/**
 * One source into one dataset: read, merge the schema, write Parquet, commit in one catalog
 * transaction, record lineage and audit; a re-delivered source (same content hash) is a recorded
 * no-op.
 */
package io.lakehub.processors.ingest;

/**
 * The processing chain a batch of records goes through between a source and the lake: format
 * readers turn bytes into Apache Arrow batches, the Parquet writer turns batches into files, and
 * the ingest commits those files to the catalog. Later: PII scan, embedding refresh.
 */
package io.lakehub.processors;

/**
 * One source into one dataset through the processor chain: the {@link
 * io.lakehub.processors.ingest.IngestService} port every entry uses (inbox, pipelines, CLI, HTTP),
 * the {@link io.lakehub.processors.ingest.Ingestor} that runs source, steps and sink and merges the
 * schema, and the {@link io.lakehub.processors.ingest.CommitPlanner} seam where the written files
 * become one catalog commit (append; upsert plugs in there). A re-delivered file (same content hash)
 * is a recorded no-op.
 */
package io.lakehub.processors.ingest;

/**
 * Stand-ins for the query engine and the hub's back ends, for the app's fast tests. The catalog and
 * ingest stand-ins are shared with other modules: {@code io.lakehub.testing.InMemoryCatalog} and
 * {@code io.lakehub.processors.testing.RecordingIngestService}.
 */
package io.lakehub.app.fake;

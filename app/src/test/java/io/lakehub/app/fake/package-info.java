/** In-memory stand-ins for the catalog, query engine and ingest pipeline, for the app's fast tests. */
package io.lakehub.app.fake;

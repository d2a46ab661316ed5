/**
 * User views stored in the catalog: a named, filtered and redacted window onto one dataset
 * ({@code POST /api/views}, ADR 0030). The catalog keeps each view's definition so the hub can
 * register it in DuckDB again at every start; what a view means is decided by the hub.
 */
package io.lakehub.catalog.views;

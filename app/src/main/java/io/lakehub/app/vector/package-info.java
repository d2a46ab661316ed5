/**
 * Vector indexes in the hub (issue 10, ADR 0038): the registry in the catalog, refresh jobs that
 * follow the data (manual, on every commit, on erasure), filtered and hybrid search with the
 * caller's access rules, and {@code /api/indexes}. The engine itself is {@code vector-engine}.
 */
package io.lakehub.app.vector;

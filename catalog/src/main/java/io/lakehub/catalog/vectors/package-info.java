/**
 * The vector index registry kept in the catalog (table {@code vector_index}, migration V10, ADR
 * 0038): each index's definition and what its last refresh left. The vectors live in the lake under
 * {@code _indexes/<name>/}; what an index means is decided by the hub and the vector engine.
 */
package io.lakehub.catalog.vectors;

/**
 * Upsert datasets with merge-on-read (ADR 0009): the internal step that writes the hidden columns,
 * the commit planner that computes delete markers and row counts, and compaction.
 */
package io.lakehub.processors.upsert;

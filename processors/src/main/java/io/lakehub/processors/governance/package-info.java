/**
 * PII governance in the processor chain (ADR 0029, docs/pii.md): the {@link
 * io.lakehub.processors.governance.PiiStep} scans every ingest with the detection core of {@link
 * io.lakehub.processors.pii} and applies the pipeline's policies ({@code flag}, {@code mask}, {@code
 * hash}, {@code drop}) before a batch reaches the Parquet writers, so what a policy removes never
 * reaches disk. {@link io.lakehub.processors.governance.PiiGovernance} decides, per ingest, which
 * step runs (on by default everywhere) and validates the policies at start-up. Nothing here logs or
 * reports a data value: only column names, types and counts.
 */
package io.lakehub.processors.governance;

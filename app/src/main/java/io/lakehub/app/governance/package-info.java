/**
 * The hub's side of PII governance (ADR 0029, docs/pii.md): {@code lakehub.pii.*} settings, the
 * {@link io.lakehub.processors.governance.PiiGovernance} every ingest runs with, and the check of the
 * pipelines' {@code pii:} blocks when the pipeline configuration is loaded.
 */
package io.lakehub.app.governance;

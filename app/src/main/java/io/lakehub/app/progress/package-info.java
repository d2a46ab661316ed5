/**
 * How far the work in progress in this process has got: every ingest (inbox, pipeline runs,
 * database polls, HTTP and CLI ingests) is tracked by {@link io.lakehub.app.progress.IngestsInProgress}
 * while it runs, its rows fed once per batch through {@link
 * io.lakehub.processors.ingest.IngestProgress} and its file's read position looked up only when
 * asked. {@code GET /api/ingests}, the running runs of {@code GET /api/pipelines/{id}/runs}, {@code
 * GET /api/runs/{id}} and {@code GET /api/jobs}, the console and the CLI's progress bar show it.
 * Kept in memory only: a hub shows the progress of its own work, never another hub's.
 */
package io.lakehub.app.progress;

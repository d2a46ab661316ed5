/**
 * The hub's Micrometer metrics ({@code /actuator/prometheus}): ingests, commits, pipeline and
 * maintenance runs, SQL queries, Camel route exchanges and queued work. The framework-free modules
 * (catalog, processors, schedules) know nothing of Micrometer: the meters hang on their seams (the
 * catalog's {@link io.lakehub.catalog.commit.CommitObserver}, the {@link
 * io.lakehub.processors.ingest.IngestService} port, the scheduler's {@link
 * io.lakehub.schedules.RunListener}, Camel's event notifier), see ADR 0019 and docs/operations.md.
 */
package io.lakehub.app.metrics;

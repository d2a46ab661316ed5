/**
 * Job schedules and run history. {@link io.lakehub.schedules.PipelineScheduler} keeps one Quartz
 * cron trigger per scheduled job in Quartz's JDBC job store inside the catalog database (so
 * schedules and misfires survive restarts and a cluster of hubs fires each trigger once). A job is
 * a pipeline, run through the app's {@link io.lakehub.schedules.PipelineRunner}, or a maintenance
 * job ({@link io.lakehub.schedules.MaintenanceJob}: orphan sweep, compaction) that the app
 * registers; both kinds ({@link io.lakehub.schedules.JobId}) run under a database-held
 * single-flight claim and every fire, request and skip is recorded in {@link
 * io.lakehub.schedules.RunHistory}. No Camel, no Spring: the app wires it.
 */
package io.lakehub.schedules;

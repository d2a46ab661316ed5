/**
 * Pipeline schedules and run history. {@link io.lakehub.schedules.PipelineScheduler} keeps one
 * Quartz cron trigger per scheduled pipeline in Quartz's JDBC job store inside the catalog database
 * (so schedules and misfires survive restarts and a cluster of hubs fires each trigger once), runs
 * pipelines through the app's {@link io.lakehub.schedules.PipelineRunner} with a database-held
 * single-flight claim, and records every fire, request and skip in {@link
 * io.lakehub.schedules.RunHistory}. No Camel, no Spring: the app wires it.
 */
package io.lakehub.schedules;

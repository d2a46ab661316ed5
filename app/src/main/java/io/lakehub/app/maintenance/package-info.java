/**
 * Upkeep of the lake while the hub runs, as clustered maintenance jobs on the pipelines' Quartz
 * scheduler (once per fire across a cluster, each run in the run history): the job beans ({@link
 * io.lakehub.app.maintenance.MaintenanceJobs}: the orphan sweep), and {@link
 * io.lakehub.app.maintenance.HubJobs}, which schedules them from {@code lakehub.maintenance.*} and
 * runs them on demand.
 */
package io.lakehub.app.maintenance;

package io.lakehub.schedules;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job behind every pipeline's cron trigger: the job's name is the pipeline id. It is not
 * {@code @DisallowConcurrentExecution}: that would hold a second fire back until the first run ends
 * and then run it late, whereas the hub records it as SKIPPED; and it would not cover manual,
 * webhook or file runs. The database claim in {@link SingleFlight} covers all of them.
 *
 * <p>Quartz stores this class's name with every pipeline job; renaming or moving it needs a
 * migration that updates {@code QRTZ_JOB_DETAILS.JOB_CLASS_NAME}.
 */
final class PipelineJob implements Job {

    /** Runs a cron fire of a pipeline on the Quartz worker thread. */
    @FunctionalInterface
    interface CronFire {
        void fire(String pipelineId, java.time.Instant scheduledFor);
    }

    private final CronFire fire;

    PipelineJob(CronFire fire) {
        this.fire = fire;
    }

    @Override
    public void execute(JobExecutionContext context) {
        // Outcomes, including failures, are recorded in the run history; Quartz has nothing to retry.
        fire.fire(
                context.getJobDetail().getKey().getName(),
                context.getScheduledFireTime().toInstant());
    }
}

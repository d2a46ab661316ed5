package io.lakehub.schedules;

import java.time.Instant;
import java.util.function.BiConsumer;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job behind every maintenance job's cron trigger (group {@code lakehub-maintenance};
 * the job's name is the maintenance job id). Like {@link PipelineJob} it is not
 * {@code @DisallowConcurrentExecution}: the database claim in {@link SingleFlight} keeps runs
 * apart and records overlapping fires as SKIPPED.
 *
 * <p>Quartz stores this class's name with every maintenance job; renaming or moving it needs a
 * migration that updates {@code QRTZ_JOB_DETAILS.JOB_CLASS_NAME}.
 */
final class MaintenanceFire implements Job {

    private final BiConsumer<String, Instant> fire;

    MaintenanceFire(BiConsumer<String, Instant> fire) {
        this.fire = fire;
    }

    @Override
    public void execute(JobExecutionContext context) {
        // Outcomes, including failures, are recorded in the run history; Quartz has nothing to retry.
        fire.accept(
                context.getJobDetail().getKey().getName(),
                context.getScheduledFireTime().toInstant());
    }
}

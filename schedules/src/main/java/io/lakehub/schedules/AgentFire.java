package io.lakehub.schedules;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The Quartz job behind every agent job ({@link PipelineScheduler#syncAgents}; for the autotune
 * agent group {@code autotune}, one job per vector index, named by the index; for the {@code cron:}
 * refresh policies group {@code index-refresh}, one job per such index, ADR 0053). Unlike {@link
 * PipelineJob} it is {@code @DisallowConcurrentExecution}: the triggers of one job (its cron and
 * its periodic check) never run at once, on any hub of a cluster (Quartz blocks the job's other
 * triggers in the job store while one runs). Agents have no run history of their own; work that
 * outlives a fire is kept apart by the agent (the autotune lease, ADR 0048).
 *
 * <p>Quartz stores this class's name with every agent job; renaming or moving it needs a migration
 * that updates {@code QRTZ_JOB_DETAILS.JOB_CLASS_NAME}.
 */
@DisallowConcurrentExecution
final class AgentFire implements Job {

    /** The key of the job data map entry naming a trigger's {@link AgentTrigger#name()}. */
    static final String TRIGGER = "lakehub.agent.trigger";

    /** Runs one fire on the Quartz worker thread. */
    @FunctionalInterface
    interface Fire {
        void fire(String group, String job, String trigger, Instant scheduledFor);
    }

    private final Fire fire;

    AgentFire(Fire fire) {
        this.fire = fire;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String trigger = context.getTrigger().getJobDataMap().getString(TRIGGER);
        fire.fire(
                context.getJobDetail().getKey().getGroup(),
                context.getJobDetail().getKey().getName(),
                trigger == null ? context.getTrigger().getKey().getName() : trigger,
                context.getScheduledFireTime().toInstant());
    }
}

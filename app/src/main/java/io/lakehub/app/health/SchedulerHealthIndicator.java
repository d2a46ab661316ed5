package io.lakehub.app.health;

import io.lakehub.schedules.PipelineScheduler;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * UP while the pipeline scheduler (Quartz) fires schedules; DOWN while it is in standby (before the
 * hub is ready, or while it stops): no schedule fires then. Details: this hub's node id and the runs
 * in progress on it. Reads only Quartz's in-memory state.
 */
public class SchedulerHealthIndicator extends AbstractHealthIndicator {
    private final Supplier<PipelineScheduler> scheduler;

    public SchedulerHealthIndicator(Supplier<PipelineScheduler> scheduler) {
        super(e -> "The pipeline scheduler could not be asked for its state: "
                + e.getClass().getSimpleName());
        this.scheduler = scheduler;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PipelineScheduler s = scheduler.get();
        builder.withDetail("node", s.nodeId()).withDetail("activeRuns", s.activeRuns());
        if (s.isStarted()) {
            builder.up().withDetail("state", "running");
        } else {
            builder.down().withDetail("state", "standby");
        }
    }
}

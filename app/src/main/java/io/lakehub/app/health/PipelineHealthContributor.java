package io.lakehub.app.health;

import io.lakehub.schedules.PipelineRun;
import io.lakehub.schedules.RunHistory;
import io.lakehub.schedules.RunStatus;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.NamedContributor;

/**
 * {@code pipelines}: one component per configured pipeline (the list follows configuration
 * reloads). A pipeline is UP unless its last {@code lakehub.health.pipeline-failures} finished runs
 * all failed; then it is DOWN with the last run's error (which names files, lines and keys, never
 * data values). Skipped runs are not counted. Details: the last run's id, status and end. One small
 * query of the run history per pipeline.
 */
public class PipelineHealthContributor implements CompositeHealthContributor {
    /** Runs looked at beyond the failure threshold, so that a few skipped runs do not hide failures. */
    private static final int SKIPPED_SLACK = 10;

    private final Supplier<List<PipelineDefinition>> pipelines;
    private final Supplier<RunHistory> history;
    private final int failures;

    /**
     * @param pipelines the pipelines configured now
     * @param history the run history
     * @param failures failed runs in a row that make a pipeline DOWN; 0 never does
     */
    public PipelineHealthContributor(
            Supplier<List<PipelineDefinition>> pipelines, Supplier<RunHistory> history, int failures) {
        this.pipelines = pipelines;
        this.history = history;
        this.failures = failures;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return pipelines.get().stream()
                .filter(p -> p.id().equals(name))
                .findFirst()
                .map(p -> indicator(p.id()))
                .orElse(null);
    }

    @Override
    public Iterator<NamedContributor<HealthContributor>> iterator() {
        return pipelines.get().stream()
                .map(p -> NamedContributor.of(p.id(), (HealthContributor) indicator(p.id())))
                .iterator();
    }

    private HealthIndicator indicator(String pipelineId) {
        return () -> health(pipelineId);
    }

    Health health(String pipelineId) {
        List<PipelineRun> finished;
        try {
            finished = history.get().list(pipelineId, Math.max(failures, 1) + SKIPPED_SLACK).stream()
                    .filter(r -> r.status() == RunStatus.SUCCEEDED || r.status() == RunStatus.FAILED)
                    .toList();
        } catch (RuntimeException e) {
            return Health.unknown()
                    .withDetail(
                            "error",
                            "The run history could not be read: " + e.getClass().getSimpleName())
                    .build();
        }
        if (finished.isEmpty()) {
            return Health.up().withDetail("lastRun", "none").build();
        }
        PipelineRun last = finished.get(0);
        int failedInARow = 0;
        while (failedInARow < finished.size() && finished.get(failedInARow).status() == RunStatus.FAILED) {
            failedInARow++;
        }
        Health.Builder builder = failures > 0 && failedInARow >= failures ? Health.down() : Health.up();
        builder.withDetail("lastRunId", last.id())
                .withDetail("lastRunStatus", last.status().name())
                .withDetail("lastRunEndedAt", String.valueOf(last.endedAt()));
        if (failedInARow > 0) {
            builder.withDetail("failedRunsInARow", failedInARow).withDetail("error", String.valueOf(last.error()));
        }
        return builder.build();
    }
}

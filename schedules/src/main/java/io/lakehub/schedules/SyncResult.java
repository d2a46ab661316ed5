package io.lakehub.schedules;

import java.util.List;

/**
 * What {@link PipelineScheduler#sync} changed in the job store, for one log line at start-up.
 *
 * @param added pipelines new to the scheduler
 * @param changed pipelines whose cron, timezone or misfire policy changed (their trigger was
 *     replaced; a paused schedule stays paused)
 * @param removed pipelines no longer configured, deleted with their triggers (their run history
 *     stays)
 * @param unchanged pipelines left exactly as they were, misfire state included
 */
public record SyncResult(List<String> added, List<String> changed, List<String> removed, List<String> unchanged) {

    public SyncResult {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        unchanged = List.copyOf(unchanged);
    }

    public boolean changedAnything() {
        return !added.isEmpty() || !changed.isEmpty() || !removed.isEmpty();
    }
}

package io.lakehub.schedules;

/**
 * The two kinds of scheduled work: a pipeline moves data from a source into a dataset; a
 * maintenance job keeps the lake in shape (orphan sweep, compaction). Both are Quartz jobs in the
 * catalog database, run once per fire across a cluster, under the same single-flight claim, with
 * their runs in the same history.
 */
public enum JobKind {
    /** A configured pipeline ({@link PipelineRunner}); its id is the pipeline id. */
    PIPELINE("lakehub-pipelines"),
    /** A {@link MaintenanceJob} the app registered; its id is {@link MaintenanceJob#id()}. */
    MAINTENANCE("lakehub-maintenance");

    private final String quartzGroup;

    JobKind(String quartzGroup) {
        this.quartzGroup = quartzGroup;
    }

    /** Quartz group of this kind's jobs and triggers; each kind is synced on its own. */
    String quartzGroup() {
        return quartzGroup;
    }

    static JobKind ofQuartzGroup(String group) {
        for (JobKind kind : values()) {
            if (kind.quartzGroup.equals(group)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Quartz group '" + group + "' holds no Lakehub jobs");
    }
}

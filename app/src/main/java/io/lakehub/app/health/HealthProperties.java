package io.lakehub.app.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What {@code /actuator/health} reports as trouble, {@code lakehub.health.*}. The health components
 * are listed in docs/operations.md.
 */
@ConfigurationProperties("lakehub.health")
public class HealthProperties {

    /**
     * Free space the lake's disk (the file system of {@code lakehub.lake.path}, by default {@code <home>/lake}) must keep: below it the
     * {@code lakeDiskSpace} component, and so the hub's health, is DOWN, before a commit runs out of
     * room mid-file.
     */
    private DataSize lakeDiskSpaceThreshold = DataSize.ofMegabytes(512);

    /**
     * How many runs of a pipeline in a row must fail (skipped runs do not count) before its health
     * component {@code pipelines.<id>} is DOWN, with the last run's error. 0 never marks a pipeline
     * DOWN.
     */
    private int pipelineFailures = 3;

    public DataSize getLakeDiskSpaceThreshold() {
        return lakeDiskSpaceThreshold;
    }

    public void setLakeDiskSpaceThreshold(DataSize lakeDiskSpaceThreshold) {
        this.lakeDiskSpaceThreshold = lakeDiskSpaceThreshold;
    }

    public int getPipelineFailures() {
        return pipelineFailures;
    }

    public void setPipelineFailures(int pipelineFailures) {
        if (pipelineFailures < 0) {
            throw new IllegalArgumentException(
                    "lakehub.health.pipeline-failures must be 0 (never DOWN) or more, not " + pipelineFailures);
        }
        this.pipelineFailures = pipelineFailures;
    }
}

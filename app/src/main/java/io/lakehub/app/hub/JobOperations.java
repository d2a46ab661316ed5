package io.lakehub.app.hub;

import io.lakehub.app.api.document.JobDocument;
import io.lakehub.app.api.document.RunDocument;
import java.util.List;

/**
 * The job operations of {@link HubApi} on a hub in this process: {@link
 * io.lakehub.app.maintenance.HubJobs} in the server and in a CLI command on a home no hub holds.
 */
public interface JobOperations {

    /** Every job, pipelines and maintenance jobs, as {@code GET /api/jobs} lists them. */
    List<JobDocument> jobs();

    /**
     * Runs the job once, on the calling thread, and returns the finished (or SKIPPED) run.
     *
     * @param kind {@code pipeline}, {@code maintenance}, or null for whichever kind has the id
     */
    RunDocument runJob(String id, String kind);
}

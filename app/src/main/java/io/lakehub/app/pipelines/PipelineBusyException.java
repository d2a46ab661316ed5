package io.lakehub.app.pipelines;

import io.lakehub.catalog.LakehubException;

/**
 * A file arrived while another run of its pipeline was in progress; the run was recorded as
 * SKIPPED and the file left where it is, to be picked up by a later poll.
 */
public class PipelineBusyException extends LakehubException {
    private static final long serialVersionUID = 1L;

    public PipelineBusyException(String message) {
        super(message);
    }
}

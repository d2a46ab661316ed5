package io.lakehub.schedules;

/** A run, pause or resume named a pipeline the scheduler does not know. Nothing was run or changed. */
public class UnknownPipelineException extends UnknownJobException {
    private static final long serialVersionUID = 1L;

    public UnknownPipelineException(String message) {
        super(message);
    }
}

package io.lakehub.schedules;

/**
 * Runs one pipeline once; supplied by the app (which knows the pipeline definitions, the Camel
 * context and the catalog). Called on a scheduler or run-executor thread, only while the run holds
 * the pipeline's single-flight claim, so an implementation never sees two concurrent calls for the
 * same pipeline id, on this hub or any other sharing the catalog database.
 */
@FunctionalInterface
public interface PipelineRunner {

    /**
     * Runs the pipeline to completion. Throwing is the same as returning {@link
     * RunOutcome#failed}: the run is recorded as FAILED with the exception's message, which
     * therefore must not contain data values or secrets.
     */
    RunOutcome run(String pipelineId, TriggerKind kind) throws Exception;
}

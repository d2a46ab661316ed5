package io.lakehub.schedules;

import java.time.Instant;

/**
 * What a hub does when a trigger of one of its agent jobs fires on it ({@link
 * PipelineScheduler#syncAgents}). Called on a Quartz worker thread; it should hand long work to a
 * thread of its own and return. What it throws is logged; Quartz retries nothing.
 */
@FunctionalInterface
public interface AgentHandler {

    /**
     * @param job the job's name (for the autotune agent and the index refresh policies: the vector index)
     * @param trigger the trigger's {@link AgentTrigger#name()}
     * @param scheduledFor when the fire was due
     */
    void fire(String job, String trigger, Instant scheduledFor);
}

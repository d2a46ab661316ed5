package io.lakehub.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims, runs and records pipeline runs so that a pipeline never runs twice at once on any hub:
 * every way a run starts (cron fire, manual, webhook, file) goes through {@link #claim}, and the
 * claim itself is a unique row in the database ({@link RunHistory#start}). A claim held by a dead
 * hub, or by this hub for a run it is no longer executing, is released as FAILED first.
 */
final class SingleFlight {

    private static final Logger log = LoggerFactory.getLogger(SingleFlight.class);
    private static final int CLAIM_ATTEMPTS = 3;

    private final RunHistory history;
    private final NodeLiveness liveness;
    private final String node;

    /** Runs this hub is executing; guarded by {@code this}, as is the claim insert that adds to it. */
    private final Set<Long> active = new HashSet<>();

    SingleFlight(RunHistory history, NodeLiveness liveness, String node) {
        this.history = history;
        this.liveness = liveness;
        this.node = node;
    }

    /**
     * Takes the pipeline's claim and returns the RUNNING run, or records and returns a SKIPPED run
     * when another live run holds it.
     */
    synchronized PipelineRun claim(String pipeline, TriggerKind kind, Instant scheduledFor) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<PipelineRun> started = history.start(pipeline, kind, node, scheduledFor);
            if (started.isPresent()) {
                active.add(started.get().id());
                return started.get();
            }
            Optional<PipelineRun> holder = history.running(pipeline);
            if (holder.isEmpty()) {
                continue; // It finished between our insert and this read: try again.
            }
            PipelineRun h = holder.get();
            if (isStale(h)) {
                if (history.abandon(h.id(), abandonReason(h))) {
                    log.warn(
                            "Pipeline {}: run {} on hub {} was left RUNNING by a hub that stopped; marked FAILED",
                            pipeline,
                            h.id(),
                            h.node());
                }
                continue;
            }
            PipelineRun skipped = history.skip(
                    pipeline,
                    kind,
                    node,
                    scheduledFor,
                    "Skipped: run " + h.id() + " of this pipeline (" + h.trigger() + ", hub " + h.node() + ", started "
                            + h.startedAt() + ") was still running.");
            log.info("Pipeline {}: {} run skipped; run {} is still running", pipeline, kind, h.id());
            return skipped;
        }
        return history.skip(
                pipeline,
                kind,
                node,
                scheduledFor,
                "Skipped: another run of this pipeline kept taking the claim; try again.");
    }

    /**
     * Runs the claimed work on the calling thread and records its outcome. A throwing runner gives a
     * FAILED run; an {@link Error} is recorded and rethrown.
     */
    PipelineRun execute(PipelineRun claimed, Callable<RunOutcome> work) {
        long startNanos = System.nanoTime();
        RunOutcome outcome;
        try {
            outcome = work.call();
            if (outcome == null) {
                outcome = RunOutcome.failed(0, "The pipeline runner reported no outcome; see the hub's log.");
            }
        } catch (Exception e) {
            log.warn("Pipeline {}: run {} failed", claimed.pipeline(), claimed.id(), e);
            outcome = RunOutcome.failed(0, describe(e));
        } catch (Error e) {
            finish(claimed, RunOutcome.failed(0, describe(e)));
            throw e;
        }
        PipelineRun finished = finish(claimed, outcome);
        log.info(
                "Pipeline {}: run {} ({}) {} with {} rows in {} ms",
                claimed.pipeline(),
                claimed.id(),
                claimed.trigger(),
                finished.status(),
                finished.rows(),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return finished;
    }

    /** Marks FAILED every RUNNING run whose hub is gone; returns how many. */
    synchronized int releaseStaleClaims() {
        int released = 0;
        for (PipelineRun run : history.running()) {
            if (isStale(run) && history.abandon(run.id(), abandonReason(run))) {
                log.warn(
                        "Pipeline {}: run {} on hub {} was left RUNNING by a hub that stopped; marked FAILED",
                        run.pipeline(),
                        run.id(),
                        run.node());
                released++;
            }
        }
        return released;
    }

    synchronized int activeRuns() {
        return active.size();
    }

    private PipelineRun finish(PipelineRun claimed, RunOutcome outcome) {
        try {
            return history.finish(claimed.id(), outcome).orElseGet(() -> {
                log.warn(
                        "Pipeline {}: run {} ended {} but another hub had already marked it FAILED as abandoned",
                        claimed.pipeline(),
                        claimed.id(),
                        outcome.status());
                return history.get(claimed.id()).orElse(claimed);
            });
        } finally {
            // Even if the database refused the update, this hub no longer runs it: the claim is now stale
            // and the next claim attempt releases it.
            synchronized (this) {
                active.remove(claimed.id());
            }
        }
    }

    private boolean isStale(PipelineRun run) {
        if (run.node().equals(node)) {
            return !active.contains(run.id());
        }
        return !liveness.isAlive(run.node());
    }

    private static String abandonReason(PipelineRun run) {
        return "Hub " + run.node() + " stopped while this run was in progress; it did not finish, and whatever"
                + " it had not yet committed to the catalog was not written.";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "The pipeline failed with " + e.getClass().getSimpleName() + " and no message; see the hub's log.";
        }
        return message;
    }
}

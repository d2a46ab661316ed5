package io.lakehub.schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Claims, runs and records runs so that a job (pipeline or maintenance job) never runs twice at
 * once on any hub: every way a run starts (cron fire, manual, webhook, file) goes through {@link
 * #claim}, and the
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

    private final java.util.List<RunListener> listeners = new CopyOnWriteArrayList<>();

    SingleFlight(RunHistory history, NodeLiveness liveness, String node) {
        this.history = history;
        this.liveness = liveness;
        this.node = node;
    }

    /**
     * Takes the job's claim and returns the RUNNING run, or records and returns a SKIPPED run when
     * another live run holds it.
     */
    synchronized PipelineRun claim(JobId job, TriggerKind kind, Instant scheduledFor) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Optional<PipelineRun> started = history.start(job, kind, node, scheduledFor);
            if (started.isPresent()) {
                active.add(started.get().id());
                return started.get();
            }
            Optional<PipelineRun> holder = history.running(job);
            if (holder.isEmpty()) {
                continue; // It finished between our insert and this read: try again.
            }
            PipelineRun h = holder.get();
            if (isStale(h)) {
                if (history.abandon(h.id(), abandonReason(h))) {
                    log.warn(
                            "{}: run {} on hub {} was left RUNNING by a hub that stopped; marked FAILED",
                            job,
                            h.id(),
                            h.node());
                }
                continue;
            }
            PipelineRun skipped = history.skip(
                    job,
                    kind,
                    node,
                    scheduledFor,
                    "Skipped: run " + h.id() + " of this " + noun(job) + " (" + h.trigger() + ", hub " + h.node()
                            + ", started " + h.startedAt() + ") was still running.");
            log.info("{}: {} run skipped; run {} is still running", job, kind, h.id());
            return ended(skipped, Duration.ZERO);
        }
        return ended(
                history.skip(
                        job,
                        kind,
                        node,
                        scheduledFor,
                        "Skipped: another run of this " + noun(job) + " kept taking the claim; try again."),
                Duration.ZERO);
    }

    /** Adds a listener to every run this hub ends or skips from now on. */
    void addListener(RunListener listener) {
        listeners.add(listener);
    }

    private PipelineRun ended(PipelineRun run, Duration duration) {
        for (RunListener l : listeners) {
            try {
                l.ended(run, duration);
            } catch (RuntimeException e) {
                log.warn(
                        "A run listener ({}) failed on run {} of {}",
                        l.getClass().getName(),
                        run.id(),
                        run.job(),
                        e);
            }
        }
        return run;
    }

    /**
     * Runs the claimed work on the calling thread and records its outcome. A throwing runner gives a
     * FAILED run; an {@link Error} is recorded and rethrown.
     */
    PipelineRun execute(PipelineRun claimed, Callable<RunOutcome> work) {
        // What is logged on this thread during the run carries the run's id, so the hub can show a run's log.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(PipelineRun.LOG_KEY, Long.toString(claimed.id()))) {
            return executeLogged(claimed, work);
        }
    }

    private PipelineRun executeLogged(PipelineRun claimed, Callable<RunOutcome> work) {
        long startNanos = System.nanoTime();
        RunOutcome outcome;
        try {
            outcome = work.call();
            if (outcome == null) {
                outcome = RunOutcome.failed(0, "The pipeline runner reported no outcome; see the hub's log.");
            }
        } catch (Exception e) {
            log.warn("{}: run {} failed", claimed.job(), claimed.id(), e);
            outcome = RunOutcome.failed(0, describe(e));
        } catch (Error e) {
            ended(finish(claimed, RunOutcome.failed(0, describe(e))), Duration.ofNanos(System.nanoTime() - startNanos));
            throw e;
        }
        PipelineRun finished = ended(finish(claimed, outcome), Duration.ofNanos(System.nanoTime() - startNanos));
        log.info(
                "{}: run {} ({}) {} with {} rows{} in {} ms",
                claimed.job(),
                claimed.id(),
                claimed.trigger(),
                finished.status(),
                finished.rows(),
                finished.result() == null ? "" : " (" + finished.result() + ")",
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis());
        return finished;
    }

    /** Marks FAILED every RUNNING run whose hub is gone; returns how many. */
    synchronized int releaseStaleClaims() {
        int released = 0;
        for (PipelineRun run : history.running()) {
            if (isStale(run) && history.abandon(run.id(), abandonReason(run))) {
                log.warn(
                        "{}: run {} on hub {} was left RUNNING by a hub that stopped; marked FAILED",
                        run.job(),
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
                        "{}: run {} ended {} but another hub had already marked it FAILED as abandoned",
                        claimed.job(),
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

    private static String noun(JobId job) {
        return job.kind() == JobKind.PIPELINE ? "pipeline" : "job";
    }

    private static String abandonReason(PipelineRun run) {
        return "Hub " + run.node() + " stopped while this run was in progress; it did not finish, and whatever"
                + " it had not yet committed to the catalog was not written.";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "The run failed with " + e.getClass().getSimpleName() + " and no message; see the hub's log.";
        }
        return message;
    }
}

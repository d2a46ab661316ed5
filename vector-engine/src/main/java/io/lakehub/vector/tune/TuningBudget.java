package io.lakehub.vector.tune;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Rate limits for an autotune agent, as pure logic over an injectable clock: at most
 * {@link Limits#maxTrialsPerHour} trial starts in any sliding hour, a {@link Limits#cooldown} between the end of one
 * trial and the start of the next, and at most {@link Limits#maxConcurrentBuilds} build-time trials at once. Share one
 * instance among the agents whose trials compete (e.g. one per hub for the build limit). Thread-safe.
 */
public final class TuningBudget {

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * @param maxTrialsPerHour trial starts in any sliding hour (≥ 1)
     * @param cooldown the least time between a trial's end and the next start (≥ 0)
     * @param maxConcurrentBuilds build-time trials at once (≥ 1)
     */
    public record Limits(int maxTrialsPerHour, Duration cooldown, int maxConcurrentBuilds) {

        /** 12 trials per hour, 30 s cooldown, one build at a time. */
        public static final Limits DEFAULT = new Limits(12, Duration.ofSeconds(30), 1);

        public Limits {
            Objects.requireNonNull(cooldown, "cooldown");
            if (maxTrialsPerHour < 1 || maxConcurrentBuilds < 1 || cooldown.isNegative()) {
                throw new IllegalArgumentException("maxTrialsPerHour ≥ 1, maxConcurrentBuilds ≥ 1 and a cooldown ≥ 0"
                        + " are required, got " + maxTrialsPerHour + ", " + maxConcurrentBuilds + ", " + cooldown);
            }
        }
    }

    /**
     * The answer to {@link #tryStart}: a permit, or the reason for refusing and when to ask again.
     *
     * @param permit held while the trial runs and closed when it ends, or {@code null} if refused
     * @param reason why it was refused ({@code null} if granted)
     * @param retryAfter how long until the limit that refused it lifts ({@link Duration#ZERO} if granted, or if it
     *     waits for a running build to end)
     */
    public record Admission(Permit permit, String reason, Duration retryAfter) {
        public boolean granted() {
            return permit != null;
        }
    }

    /** A running trial's slot; {@link #close()} (idempotent) ends it and starts the cooldown. */
    public final class Permit implements AutoCloseable {
        private final boolean build;
        private boolean closed;

        private Permit(boolean build) {
            this.build = build;
        }

        public boolean build() {
            return build;
        }

        @Override
        public void close() {
            release(this);
        }
    }

    private final Limits limits;
    private final InstantSource clock;
    private final Deque<Instant> starts = new ArrayDeque<>();
    private int running;
    private int buildsRunning;
    private Instant lastEnd;

    public TuningBudget(Limits limits, InstantSource clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Starts a trial if every limit allows it.
     *
     * @param build whether it builds a candidate graph (counts against {@link Limits#maxConcurrentBuilds})
     */
    public synchronized Admission tryStart(boolean build) {
        Instant now = clock.instant();
        prune(now);
        if (starts.size() >= limits.maxTrialsPerHour()) {
            Duration wait = Duration.between(now, starts.peekFirst().plus(HOUR));
            return new Admission(
                    null, limits.maxTrialsPerHour() + " trials started in the last hour (the limit)", positive(wait));
        }
        if (lastEnd != null) {
            Duration wait = Duration.between(now, lastEnd.plus(limits.cooldown()));
            if (wait.compareTo(Duration.ZERO) > 0) {
                return new Admission(null, "cooling down for " + limits.cooldown() + " after the last trial", wait);
            }
        }
        if (build && buildsRunning >= limits.maxConcurrentBuilds()) {
            return new Admission(
                    null,
                    buildsRunning + " candidate graph(s) already building (the limit is " + limits.maxConcurrentBuilds()
                            + ")",
                    Duration.ZERO);
        }
        starts.addLast(now);
        running++;
        if (build) {
            buildsRunning++;
        }
        return new Admission(new Permit(build), null, Duration.ZERO);
    }

    /** Trials started in the last hour. */
    public synchronized int trialsInLastHour() {
        prune(clock.instant());
        return starts.size();
    }

    /** Trials holding a permit. */
    public synchronized int running() {
        return running;
    }

    /** Build-time trials holding a permit. */
    public synchronized int buildsRunning() {
        return buildsRunning;
    }

    private synchronized void release(Permit permit) {
        if (permit.closed) {
            return;
        }
        permit.closed = true;
        running--;
        if (permit.build) {
            buildsRunning--;
        }
        lastEnd = clock.instant();
    }

    private void prune(Instant now) {
        Instant horizon = now.minus(HOUR);
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(horizon)) {
            starts.removeFirst();
        }
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}

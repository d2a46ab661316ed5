package io.lakehub.schedules;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link Progress} of one run in progress on this hub: counts what the job reports and turns
 * it into a {@link ProgressReport} with the rate (done per second since the run's start) and the
 * time left at that rate.
 */
final class ProgressMeter implements Progress {
    private final Clock clock;
    private final Instant start;
    private final AtomicLong done = new AtomicLong();
    /** total and unit change together. */
    private volatile Totals totals;

    private record Totals(Long total, String unit) {}

    /**
     * @param start when the run started: rates are computed from it
     */
    ProgressMeter(Clock clock, Instant start) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.start = Objects.requireNonNull(start, "start");
        this.totals = new Totals(null, null);
    }

    @Override
    public Progress total(long total, String unit) {
        if (total < 0) {
            throw new IllegalArgumentException("A job's total work may not be negative, not " + total);
        }
        if (unit == null || unit.isBlank()) {
            throw new IllegalArgumentException("A job's progress needs a unit (\"files\", \"datasets\")");
        }
        totals = new Totals(total, unit);
        return this;
    }

    @Override
    public void advance(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("A job's progress only goes forward, not by " + n);
        }
        done.addAndGet(n);
    }

    /** The progress now, with rate and time left. */
    ProgressReport report() {
        Totals t = totals;
        long d = done.get();
        long elapsedMillis = Duration.between(start, clock.instant()).toMillis();
        Double rate = elapsedMillis > 0 ? d * 1000.0 / elapsedMillis : null;
        Long eta = null;
        if (t.total() != null) {
            long left = Math.max(0, t.total() - d);
            if (left == 0) {
                eta = 0L;
            } else if (rate != null && rate > 0) {
                eta = (long) Math.ceil(left / rate);
            }
        }
        return new ProgressReport(d, t.total(), t.unit(), rate, eta);
    }
}

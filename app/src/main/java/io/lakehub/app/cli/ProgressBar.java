package io.lakehub.app.cli;

import io.lakehub.app.api.document.ProgressDocument;
import io.lakehub.app.progress.FileReadPosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A one-line progress display on stderr for long CLI work: a bar, done/total, the rate and the
 * time left, redrawn a few times a second. Shown only when stderr is a terminal (the launcher says
 * so with {@code -Dlakehub.terminal=true}, since the JVM cannot tell) and only once the work has
 * taken longer than a second, so short commands and piped output never see it; its last state
 * stays above the command's result. Each redraw ends with a newline (the launcher's stderr filter
 * passes whole lines only) and moves the cursor back up first.
 *
 * <p>No library: the bar needs a dozen lines of formatting; what it measures comes from {@link
 * #fileReadBy} (a file's read position, knowing nothing of the reader) or {@link #of} (a run's
 * {@code progress} as the hub reports it).
 */
final class ProgressBar {
    static final String TERMINAL_PROPERTY = "lakehub.terminal";

    /** What a command holds while its work runs; closing draws the bar's last state (if one was drawn) and stops it. */
    interface Display extends AutoCloseable {
        @Override
        void close();
    }

    /** A reading of the work: done of total (negative while unknown) in unit, and what the source computed. */
    record Reading(long done, long total, String unit, Double rate, Long etaSeconds, Long rows) {}

    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final Duration REDRAW = Duration.ofMillis(250);
    private static final int WIDTH = 24;
    private static final String UP_AND_CLEAR = "\033[1A\033[2K";

    private final PrintWriter err;
    private final String label;
    private final Supplier<Optional<Reading>> source;
    private final ScheduledExecutorService ticker;
    private final long startedAt = System.nanoTime();
    private boolean drawn;

    private ProgressBar(PrintWriter err, String label, Supplier<Optional<Reading>> source) {
        this.err = err;
        this.label = label;
        this.source = source;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, DELAY.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether bars are drawn at all: stderr is a terminal. */
    static boolean shown() {
        return Boolean.getBoolean(TERMINAL_PROPERTY);
    }

    /**
     * Progress of the process {@code pid} reading {@code file} (bytes read of its size), or a bar
     * that draws nothing when stderr is no terminal.
     */
    static Display fileReadBy(PrintWriter err, String label, Path file, long pid) {
        if (!shown()) {
            return () -> {};
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return () -> {};
        }
        FileReadPosition position = new FileReadPosition(pid, file);
        return new ProgressBar(err, label, () -> {
            OptionalLong read = position.get();
            return Optional.of(new Reading(read.orElse(-1), size, "bytes", null, null, null));
        })::close;
    }

    /**
     * The progress the hub reports for a piece of work (a pipeline run), asked a few times a second
     * on the bar's own thread; while it reports none, the time the work has been running. Draws
     * nothing when stderr is no terminal (and then never asks).
     */
    static Display of(PrintWriter err, String label, Supplier<Optional<ProgressDocument>> progress) {
        if (!shown()) {
            return () -> {};
        }
        return new ProgressBar(err, label, () -> {
            try {
                return progress.get()
                        .map(p -> new Reading(
                                p.done(),
                                p.total() == null ? -1 : p.total(),
                                p.unit() == null ? "" : p.unit(),
                                p.rate(),
                                p.etaSeconds(),
                                p.rows()));
            } catch (RuntimeException e) {
                // The hub did not answer this time: the bar shows the elapsed time until it does.
                return Optional.<Reading>empty();
            }
        })::close;
    }

    /**
     * The time a piece of work of unknown size has been running, or a display that draws nothing
     * when stderr is no terminal.
     */
    static Display elapsed(PrintWriter err, String label) {
        return of(err, label, Optional::empty);
    }

    private synchronized void redraw() {
        line(source.get(), (System.nanoTime() - startedAt) / 1e9);
    }

    private void line(Optional<Reading> reading, double seconds) {
        String text = label + "  " + describe(reading, seconds);
        err.print((drawn ? UP_AND_CLEAR : "") + text + "\n");
        err.flush();
        drawn = true;
    }

    /** The text after the label for a reading taken {@code seconds} after the bar started. */
    static String describe(Optional<Reading> reading, double seconds) {
        if (reading.isEmpty()) {
            return "running  " + clock(seconds);
        }
        Reading r = reading.get();
        StringBuilder line = new StringBuilder();
        if (r.done() < 0) {
            // A file whose read position cannot be seen: its size and the time so far.
            return line.append(amount(r.total(), r.unit()))
                    .append("  ")
                    .append(clock(seconds))
                    .toString();
        }
        double rate = r.rate() != null ? r.rate() : seconds > 0 ? r.done() / seconds : 0;
        if (r.total() > 0) {
            long done = Math.min(r.done(), r.total());
            int filled = (int) (WIDTH * done / r.total());
            Long eta = r.etaSeconds() != null
                    ? r.etaSeconds()
                    : rate > 0 ? Long.valueOf(Math.round((r.total() - done) / rate)) : null;
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%  ", 100 * done / r.total()))
                    .append(amount(done, r.unit()))
                    .append(" / ")
                    .append(amount(r.total(), r.unit()))
                    .append("  ")
                    .append(amount((long) rate, r.unit()))
                    .append("/s  ETA ")
                    .append(eta == null ? "--:--" : clock(eta));
        } else {
            line.append(amount(r.done(), r.unit()))
                    .append("  ")
                    .append(amount((long) rate, r.unit()))
                    .append("/s  ")
                    .append(clock(seconds));
        }
        if (r.rows() != null && !"rows".equals(r.unit())) {
            line.append("  ").append(amount(r.rows(), "rows"));
        }
        return line.toString();
    }

    private void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn) {
                // The last state stays on screen, as a whole line: an erase without a newline would
                // wait in the launcher's line filter and wipe the command's result line instead.
                redraw();
                drawn = false;
            }
        }
    }

    /** {@code n} of {@code unit}: bytes in kB/MB/GB, anything else as a grouped count and the unit. */
    static String amount(long n, String unit) {
        if ("bytes".equals(unit)) {
            return bytes(n);
        }
        String count = String.format(Locale.ROOT, "%,d", n);
        return unit == null || unit.isEmpty() ? count : count + " " + unit;
    }

    static String bytes(long n) {
        if (n < 1_000) {
            return n + " B";
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        }
        if (n < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f GB", n / 1e9);
    }

    static String clock(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}

package io.lakehub.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
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
 * #fileReadBy}, which knows nothing of the reader it watches.
 */
final class ProgressBar {
    static final String TERMINAL_PROPERTY = "lakehub.terminal";

    /** What a command holds while its work runs; closing draws the bar's last state (if one was drawn) and stops it. */
    interface Display extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final Duration REDRAW = Duration.ofMillis(250);
    private static final int WIDTH = 24;
    private static final String UP_AND_CLEAR = "\033[1A\033[2K";

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final Supplier<OptionalLong> done;
    private final ScheduledExecutorService ticker;
    private final long startedAt = System.nanoTime();
    private boolean drawn;

    private ProgressBar(PrintWriter err, String label, long total, Supplier<OptionalLong> done) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.done = done;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lakehub-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, DELAY.toMillis(), REDRAW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Progress of the process {@code pid} reading {@code file} (bytes read of its size), or a bar
     * that draws nothing when stderr is no terminal.
     */
    static Display fileReadBy(PrintWriter err, String label, Path file, long pid) {
        if (!Boolean.getBoolean(TERMINAL_PROPERTY)) {
            return () -> {};
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return () -> {};
        }
        return new ProgressBar(err, label, size, new ReadPosition(pid, file))::close;
    }

    /**
     * The time a piece of work of unknown size (a pipeline run) has been running, or a display
     * that draws nothing when stderr is no terminal.
     */
    static Display elapsed(PrintWriter err, String label) {
        if (!Boolean.getBoolean(TERMINAL_PROPERTY)) {
            return () -> {};
        }
        return new ProgressBar(err, label, -1, OptionalLong::empty)::close;
    }

    private synchronized void redraw() {
        OptionalLong position = done.get();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        StringBuilder line = new StringBuilder(label).append("  ");
        if (position.isPresent() && total > 0) {
            long bytes = Math.min(position.getAsLong(), total);
            int filled = (int) (WIDTH * bytes / total);
            line.append('[')
                    .append("#".repeat(filled))
                    .append(".".repeat(WIDTH - filled))
                    .append("] ");
            double rate = bytes / seconds;
            line.append(String.format(
                    Locale.ROOT,
                    "%3d%%  %s / %s  %s/s  ETA %s",
                    100 * bytes / total,
                    bytes(bytes),
                    bytes(total),
                    bytes((long) rate),
                    rate > 0 ? clock((total - bytes) / rate) : "--:--"));
        } else if (total > 0) {
            line.append(String.format(Locale.ROOT, "%s  %s", bytes(total), clock(seconds)));
        } else {
            line.append("running  ").append(clock(seconds));
        }
        err.print((drawn ? UP_AND_CLEAR : "") + line + "\n");
        err.flush();
        drawn = true;
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

    /**
     * How far a process has read a file: the offset of its open descriptor on that file, from
     * {@code /proc/PID/fdinfo} (Linux; elsewhere, or without the right to look, nothing is known
     * and the bar shows the elapsed time). Works whether this command or the hub does the reading.
     */
    static final class ReadPosition implements Supplier<OptionalLong> {
        private final Path proc;
        private final Path file;
        private Path descriptor;

        ReadPosition(long pid, Path file) {
            this.proc = Path.of("/proc", Long.toString(pid));
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                real = file.toAbsolutePath().normalize();
            }
            this.file = real;
        }

        @Override
        public OptionalLong get() {
            try {
                if (descriptor == null || !file.equals(Files.readSymbolicLink(descriptor))) {
                    descriptor = find();
                }
                if (descriptor == null) {
                    return OptionalLong.empty();
                }
                for (String line : Files.readAllLines(
                        proc.resolve("fdinfo").resolve(descriptor.getFileName().toString()))) {
                    if (line.startsWith("pos:")) {
                        return OptionalLong.of(Long.parseLong(line.substring(4).strip()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The descriptor was closed between two looks, or /proc is not there: nothing known now.
                descriptor = null;
            }
            return OptionalLong.empty();
        }

        private Path find() throws IOException {
            Path fds = proc.resolve("fd");
            if (!Files.isDirectory(fds)) {
                return null;
            }
            try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
                for (Path fd : all) {
                    try {
                        if (file.equals(Files.readSymbolicLink(fd))) {
                            return fd;
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            }
            return null;
        }
    }
}

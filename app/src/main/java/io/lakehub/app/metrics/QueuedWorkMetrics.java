package io.lakehub.app.metrics;

import io.lakehub.schedules.PipelineScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Work waiting for the hub, read when scraped: files in the inbox not yet taken ({@code
 * lakehub.inbox.waiting}: files one folder deep, as the inbox route takes them, without dot files
 * and temp files of copy tools) and runs in progress on this hub ({@code
 * lakehub.scheduler.runs.active}: pipelines and maintenance jobs).
 */
public final class QueuedWorkMetrics implements MeterBinder {
    /** Files waiting in the inbox. */
    public static final String INBOX_WAITING = "lakehub.inbox.waiting";
    /** Runs in progress on this hub. */
    public static final String RUNS_ACTIVE = "lakehub.scheduler.runs.active";

    /** The temp files the inbox leaves alone (see InboxRoute). */
    private static final Pattern TEMP_FILES =
            Pattern.compile(".*(\\.(tmp|temp|part|partial|crdownload|download|swp)|~)");

    private final Path inbox;
    private final Supplier<PipelineScheduler> scheduler;

    /**
     * @param inbox the inbox folder ({@code <home>/inbox}), or null when the inbox is off
     * @param scheduler the hub's scheduler
     */
    public QueuedWorkMetrics(Path inbox, Supplier<PipelineScheduler> scheduler) {
        this.inbox = inbox;
        this.scheduler = scheduler;
    }

    /**
     * Registers the gauges. They hold this binder strongly: Micrometer's default weak reference would
     * turn them into NaN once a garbage collection finds no other holder of the binder.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (inbox != null) {
            Gauge.builder(INBOX_WAITING, this, QueuedWorkMetrics::inboxFiles)
                    .description("Files in the inbox waiting to be ingested")
                    .baseUnit("files")
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder(RUNS_ACTIVE, this, m -> m.scheduler.get().activeRuns())
                .description("Pipeline and maintenance runs in progress on this hub")
                .strongReference(true)
                .register(registry);
    }

    /** Counts {@code <inbox>/<dataset>/<file>}; reads only the folder listings. */
    double inboxFiles() {
        long files = 0;
        try (DirectoryStream<Path> datasets = Files.newDirectoryStream(inbox, QueuedWorkMetrics::visible)) {
            for (Path dataset : datasets) {
                if (!Files.isDirectory(dataset)) {
                    continue;
                }
                try (DirectoryStream<Path> waiting = Files.newDirectoryStream(dataset, QueuedWorkMetrics::visible)) {
                    for (Path file : waiting) {
                        if (Files.isRegularFile(file)
                                && !TEMP_FILES
                                        .matcher(file.getFileName().toString())
                                        .matches()) {
                            files++;
                        }
                    }
                } catch (NoSuchFileException e) {
                    // The folder went away between the two listings: nothing waits in it.
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            // Micrometer reports a gauge that throws as NaN and logs it: the operator sees the inbox cannot be read.
            throw new UncheckedIOException("Cannot list the inbox " + inbox, e);
        }
        return files;
    }

    private static boolean visible(Path p) {
        return !p.getFileName().toString().startsWith(".");
    }
}

package io.lakehub.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;

/**
 * Where a hub's start goes, step by step (docs/startup.md): with {@code -Dlakehub.startupSteps=FILE}
 * ({@code LAKEHUB_JAVA_OPTS}), {@code ./lakehub run} records Spring's start-up steps (bean
 * instantiations, configuration-class parsing, context refresh) and writes the ones that took at
 * least 5 ms to FILE once the hub is up, longest first, each with its tags (the bean's name). Off by
 * default: recording costs a little memory and time.
 */
final class StartupSteps {
    /** The system property naming the file the steps are written to. */
    static final String PROPERTY = "lakehub.startupSteps";

    private final Path file;
    private final BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);

    private StartupSteps(Path file) {
        this.file = file;
    }

    /** Records the application's steps when {@link #PROPERTY} is set, else returns null. */
    static StartupSteps recordIfAsked(SpringApplication application) {
        String target = System.getProperty(PROPERTY);
        if (target == null || target.isBlank()) {
            return null;
        }
        StartupSteps steps = new StartupSteps(Path.of(target));
        application.setApplicationStartup(steps.startup);
        return steps;
    }

    /** Writes the recorded steps to the file; a failure to write is reported, the hub keeps running. */
    void write() {
        StartupTimeline timeline = startup.getBufferedTimeline();
        List<StartupTimeline.TimelineEvent> events = new ArrayList<>(timeline.getEvents());
        events.sort(
                Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed());
        List<String> lines = new ArrayList<>();
        for (StartupTimeline.TimelineEvent e : events) {
            Duration d = e.getDuration();
            if (d.toMillis() < 5) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%7d ms  start +%6d ms  %s",
                    d.toMillis(),
                    Duration.between(timeline.getStartTime(), e.getStartTime()).toMillis(),
                    e.getStartupStep().getName()));
            e.getStartupStep()
                    .getTags()
                    .forEach(t ->
                            line.append("  ").append(t.getKey()).append('=').append(t.getValue()));
            lines.add(line.toString());
        }
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the start-up steps to " + file + " (" + PROPERTY + ")", e);
        }
    }
}

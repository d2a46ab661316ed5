package io.lakehub.app.pipelines;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.lakehub.schedules.PipelineRun;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The log lines of the runs this hub executed, kept in memory for {@code GET /api/runs/{id}/log}:
 * a Logback appender on the root logger that keeps the events logged on a run's thread while it
 * ran (the scheduler puts the run's id in the MDC under {@link PipelineRun#LOG_KEY}). These are the
 * lines the hub's log has anyway, at the levels it logs; nothing else is captured. The newest
 * {@value #MAX_RUNS} runs are kept, each with its last {@value #MAX_LINES} lines; a restart forgets
 * them. Under any other SLF4J back end than Logback nothing is kept.
 */
@Component
public final class RunLogs extends AppenderBase<ILoggingEvent> implements DisposableBean {
    /** Runs whose lines are kept; older ones are forgotten first. */
    public static final int MAX_RUNS = 200;
    /** Lines kept per run; earlier lines are dropped (and counted) first. */
    public static final int MAX_LINES = 1000;

    private final Map<Long, Kept> runs = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Kept> eldest) {
            return size() > MAX_RUNS;
        }
    };
    private final Logger root;

    public RunLogs() {
        setName("lakehub-run-logs");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            setContext(context);
            root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            start();
            root.addAppender(this);
        } else {
            root = null;
        }
    }

    /** One kept line. */
    public record Line(Instant time, String level, String logger, String message) {}

    /**
     * A run's kept lines, oldest first, with how many earlier ones were dropped; empty when this hub
     * did not run it since it started, or forgot it.
     */
    public record RunLog(List<Line> lines, long dropped) {}

    public Optional<RunLog> of(long runId) {
        synchronized (runs) {
            Kept kept = runs.get(runId);
            return kept == null ? Optional.empty() : Optional.of(new RunLog(List.copyOf(kept.lines), kept.dropped));
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        String run = event.getMDCPropertyMap().get(PipelineRun.LOG_KEY);
        if (run == null) {
            return;
        }
        long runId;
        try {
            runId = Long.parseLong(run);
        } catch (NumberFormatException e) {
            return; // Not one of the scheduler's ids; nothing to file it under.
        }
        Line line = new Line(
                Instant.ofEpochMilli(event.getTimeStamp()),
                event.getLevel().toString(),
                shortName(event.getLoggerName()),
                message(event));
        synchronized (runs) {
            Kept kept = runs.computeIfAbsent(runId, id -> new Kept());
            if (kept.lines.size() == MAX_LINES) {
                kept.lines.removeFirst();
                kept.dropped++;
            }
            kept.lines.addLast(line);
        }
    }

    /** The message, and for an exception its class and message and those of its causes (no stack). */
    private static String message(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        int depth = 0;
        for (IThrowableProxy t = event.getThrowableProxy(); t != null && depth < 5; t = t.getCause(), depth++) {
            text.append(depth == 0 ? "\n  " : "\n  caused by ")
                    .append(t.getClassName())
                    .append(t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        return text.toString();
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }

    @Override
    public void destroy() {
        if (root != null) {
            root.detachAppender(this);
        }
        stop();
    }

    private static final class Kept {
        final ArrayDeque<Line> lines = new ArrayDeque<>();
        long dropped;
    }
}

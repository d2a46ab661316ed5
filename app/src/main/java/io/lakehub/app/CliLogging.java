package io.lakehub.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logging of CLI commands (everything but {@code run}): warnings only, to stderr, one line each
 * ({@code lakehub: WARN Logger: message}), so stdout carries just the command's output. Set up in
 * code, found by Logback through {@code META-INF/services}, instead of from an XML file: parsing
 * the XML took a tenth of every command's start (docs/startup.md). Applies only when {@link
 * LakehubMain} marks the process as a CLI command and nobody named a Logback file with {@code
 * -Dlogback.configurationFile}; otherwise Logback's usual set-up runs, and {@code run} gets Spring
 * Boot's logging as before.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {
    /** Set by {@link LakehubMain} for every command but {@code run}. */
    static final String CLI_PROPERTY = "lakehub.cli";

    /** Held so that java.util.logging keeps its level (it holds loggers weakly). */
    private static final java.util.logging.Logger JVECTOR_LOG = java.util.logging.Logger.getLogger("io.github.jbellis");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!Boolean.getBoolean(CLI_PROPERTY) || System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("lakehub: %level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        // The vector engine's libraries: DJL warns on every start of a machine without a GPU, and jvector
        // reports its SIMD choice through java.util.logging at INFO; neither helps a command's user.
        context.getLogger("ai.djl.util.cuda").setLevel(Level.ERROR);
        JVECTOR_LOG.setLevel(java.util.logging.Level.WARNING);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

package io.lakehub.app;

import io.lakehub.app.cli.LakehubCommand;
import io.lakehub.app.hub.DefaultHubBackends;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code ./lakehub}. {@code run} boots Spring Boot and keeps the JVM alive; every
 * other command runs without Spring, logs only warnings (to stderr, so stdout stays clean for
 * {@code sql --format csv > out.csv}), and exits with the command's exit code.
 */
public final class LakehubMain {
    /** How long a command waits for a home that another command (or a starting hub) holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private LakehubMain() {}

    public static void main(String[] args) {
        boolean serving = isRun(args);
        if (!serving && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "lakehub-cli-logback.xml");
        }
        int code =
                LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE).execute(args);
        if (!serving || code != 0) {
            System.exit(code);
        }
    }

    /** Whether the arguments ask for {@code run}; parsing errors are left to the real execution to report. */
    private static boolean isRun(String[] args) {
        try {
            ParseResult parsed = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE)
                    .parseArgs(args);
            return parsed.subcommand() != null
                    && "run".equals(parsed.subcommand().commandSpec().name())
                    && !parsed.subcommand().isUsageHelpRequested();
        } catch (CommandLine.ParameterException e) {
            return false;
        }
    }
}

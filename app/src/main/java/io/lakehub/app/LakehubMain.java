package io.lakehub.app;

import io.lakehub.app.cli.LakehubCommand;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.catalog.store.JdbcCatalog;
import java.time.Duration;
import java.util.Set;

/**
 * Entry point of {@code ./lakehub}. {@code run} boots Spring Boot and keeps the JVM alive; every
 * other command runs without Spring, logs only warnings (to stderr, so stdout stays clean for
 * {@code sql --format csv > out.csv}; see {@link CliLogging}), and exits with the command's exit
 * code.
 */
public final class LakehubMain {
    /** How long a command waits for a home that another command (or a starting hub) holds. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The top-level options that take a value as the next argument. */
    private static final Set<String> GLOBAL_OPTIONS_WITH_VALUE = Set.of("--home", "--config");

    private LakehubMain() {}

    public static void main(String[] args) {
        boolean serving = isRun(args);
        if (!serving) {
            System.setProperty(CliLogging.CLI_PROPERTY, "true");
            // A command opens the catalog for a moment: no Flyway start when nothing is to migrate.
            System.setProperty(JdbcCatalog.QUICK_OPEN_PROPERTY, "true");
        }
        int code = LakehubCommand.commandLine(new DefaultHubBackends(), PATIENCE, args)
                .execute(args);
        if (!serving || code != 0) {
            System.exit(code);
        }
    }

    /**
     * Whether the arguments ask for {@code run} (and not for its help): the first argument that is
     * not a top-level option is {@code run}. Read from the arguments instead of a full parse, which
     * would build the whole command model a second time; a wrong command line is reported by the
     * real execution either way (and exits, whatever this said).
     */
    static boolean isRun(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (GLOBAL_OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                if (!"run".equals(a)) {
                    return false;
                }
                for (int j = i + 1; j < args.length && !"--".equals(args[j]); j++) {
                    if ("-h".equals(args[j])
                            || "--help".equals(args[j])
                            || "-V".equals(args[j])
                            || "--version".equals(args[j])) {
                        return false;
                    }
                }
                return true;
            } else if ("-h".equals(a) || "--help".equals(a) || "-V".equals(a) || "--version".equals(a)) {
                return false;
            }
        }
        return false;
    }
}

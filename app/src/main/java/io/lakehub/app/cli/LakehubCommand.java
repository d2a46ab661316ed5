package io.lakehub.app.cli;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.app.hub.HubBackends;
import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code lakehub}: the top-level command, its global options, and how failures become exit codes. */
@Command(
        name = "lakehub",
        mixinStandardHelpOptions = true,
        versionProvider = LakehubCommand.Version.class,
        description = "Self-hosted data integration hub: files in, Parquet lake out, SQL on top.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done (ingesting bytes that were already ingested counts as done)",
            "  1  refused or failed; the reason is on stderr",
            "  2  wrong usage",
            "  3  the hub or its catalog could not be reached; nothing was done, try again later"
        })
public final class LakehubCommand implements Callable<Integer> {
    /**
     * The subcommands, in the order {@code --help} lists them. Added to the command line in code rather than
     * in {@code @Command(subcommands)}, so that a command line that names one builds only that one's model
     * (ADR 0056).
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            IngestCommand.class,
            SqlCommand.class,
            DatasetsCommand.class,
            DatasetCommand.class,
            DropCommand.class,
            AuditCommand.class,
            ValidateCommand.class,
            SchedulesCommand.class,
            PipelineCommand.class,
            JobsCommand.class,
            JobCommand.class,
            ScanCommand.class,
            EraseCommand.class,
            ErasureCommand.class,
            IndexCommand.class,
            SearchCommand.class,
            IcebergCommand.class);

    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNAVAILABLE = 3;

    @Option(
            names = "--home",
            scope = ScopeType.INHERIT,
            paramLabel = "DIR",
            description = "The hub's home folder (default: $LAKEHUB_HOME, else ./data).")
    Path home;

    @Option(
            names = "--config",
            scope = ScopeType.INHERIT,
            paramLabel = "FILE",
            description = "The pipeline configuration (default: config/lakehub.yaml when it exists). Its"
                    + " lakehub.* settings apply too.")
    Path config;

    @Spec
    CommandSpec spec;

    private final HubBackends backends;
    private final Duration patience;

    LakehubCommand(HubBackends backends, Duration patience) {
        this.backends = backends;
        this.patience = patience;
    }

    /**
     * The command line, ready to {@code execute}.
     *
     * @param patience how long a command waits for a home that another command or a starting hub holds
     */
    public static CommandLine commandLine(HubBackends backends, Duration patience) {
        return commandLine(backends, patience, null);
    }

    /**
     * The command line for {@code args}: when they name a subcommand (the first argument that is not a
     * top-level option), only that subcommand is added, since picocli builds every added command's
     * model (reflection over its options and nested commands) before parsing, ~0.2 s of a short
     * command's start for all of them. Otherwise (no command, an unknown one, only options) all are
     * added, so help, suggestions and errors are as before.
     *
     * @param args the arguments {@code execute} will get; null adds every subcommand
     */
    public static CommandLine commandLine(HubBackends backends, Duration patience, String[] args) {
        LakehubCommand root = new LakehubCommand(backends, patience);
        CommandLine cli = new CommandLine(root);
        String named = args == null ? null : commandName(args);
        List<Class<?>> chosen = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(named))
                .toList();
        for (Class<?> subcommand : chosen.isEmpty() ? SUBCOMMANDS : chosen) {
            cli.addSubcommand(subcommand);
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("lakehub: " + messageOf(e));
            commandLine.getErr().flush();
            return exitCodeOf(e);
        });
        return cli;
    }

    /**
     * The first argument that is neither a top-level option nor the value of {@code --home} or {@code
     * --config}; null when there is none.
     */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--home".equals(a) || "--config".equals(a)) {
                i++;
            } else if ("--".equals(a)) {
                return null;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    HubBackends backends() {
        return backends;
    }

    /** Settings from the usual sources, with {@code --home} (wherever it was given) on top. */
    LakehubProperties properties() {
        LakehubProperties withoutFile = CliConfiguration.load(home);
        java.util.Optional<Path> file =
                io.lakehub.app.pipelines.PipelineConfigFile.locate(config != null ? config : withoutFile.getConfig());
        // Without a pipeline configuration file both reads are the same: bind the settings once.
        return file.isEmpty() ? withoutFile : CliConfiguration.loadWithConfig(home, file.get());
    }

    /**
     * The pipeline configuration file: {@code --config}, else the setting {@code lakehub.config}
     * ({@code LAKEHUB_CONFIG}, application.properties), else config/lakehub.yaml when it exists.
     */
    java.util.Optional<Path> configFile() {
        Path explicit = config != null ? config : CliConfiguration.load(home).getConfig();
        return io.lakehub.app.pipelines.PipelineConfigFile.locate(explicit);
    }

    HubConnector connector() {
        return new HubConnector(backends, patience);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static int exitCodeOf(Throwable e) {
        Throwable cause = rootLakehubCause(e);
        if (cause instanceof HubUnavailableException || cause instanceof CatalogUnavailableException) {
            return UNAVAILABLE;
        }
        return REFUSED;
    }

    /** One line for stderr: the user-facing message of the most specific hub exception in the chain. */
    static String messageOf(Throwable e) {
        Throwable cause = rootLakehubCause(e);
        if (cause instanceof LakehubException) {
            return oneLine(cause.getMessage());
        }
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return oneLine(message);
    }

    private static Throwable rootLakehubCause(Throwable e) {
        Throwable found = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof LakehubException) {
                found = c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return found;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** {@code --version}: the application jar's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LakehubCommand.class.getPackage().getImplementationVersion();
            return new String[] {"lakehub " + (v == null ? "(development build)" : v)};
        }
    }
}

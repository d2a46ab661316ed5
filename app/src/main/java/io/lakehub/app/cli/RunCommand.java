package io.lakehub.app.cli;

import io.lakehub.app.aot.PreparedContext;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HomeLock;
import io.lakehub.app.hub.HubBackends;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub run [--port 8080]}: starts the hub (HTTP API, inbox, {@code /actuator/health}) and
 * returns once it is up; the hub runs until the process is stopped. Any further {@code
 * --name=value} argument after {@code --} is passed to Spring Boot as a property.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the hub: HTTP API, inbox watching, health endpoint.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    LakehubCommand root;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: 8080, or server.port).")
    Integer port;

    @picocli.CommandLine.Parameters(
            paramLabel = "--property=value",
            arity = "0..*",
            description = "Spring Boot properties, after '--', e.g. -- --lakehub.inbox.enabled=false")
    List<String> springArguments = new ArrayList<>();

    private ConfigurableApplicationContext context;

    @Override
    public Integer call() {
        Optional<Path> config = root.configFile();
        if (config.isPresent()) {
            // Nothing half-starts: a refused configuration is reported line by line before Spring boots.
            List<io.lakehub.schedules.pipeline.ConfigProblem> problems = ValidateCommand.problems(config.get());
            if (!problems.isEmpty()) {
                problems.forEach(root.err()::println);
                root.err()
                        .println("The hub was not started: fix the " + (problems.size() == 1 ? "problem" : "problems")
                                + " above (./lakehub validate checks the file).");
                root.err().flush();
                return LakehubCommand.REFUSED;
            }
        }
        refuseIfHeld();
        List<String> arguments = new ArrayList<>(springArguments);
        config.ifPresent(file -> {
            Path absolute = file.toAbsolutePath().normalize();
            arguments.add("--lakehub.config=" + absolute);
            // Spring Boot style: the file's lakehub.* settings (home, catalog, ...) apply to the hub too.
            arguments.add("--spring.config.additional-location=file:" + absolute);
            // Raw Camel YAML routes next to the pipelines: <config dir>/routes/*.yaml (config/routes by default).
            // Only when the folder exists: Camel refuses to start on a pattern over a missing folder.
            Path routes = absolute.resolveSibling("routes");
            if (java.nio.file.Files.isDirectory(routes)) {
                arguments.add("--camel.main.routes-include-pattern=classpath:camel/*,file:" + routes + "/*.yaml");
                // An edited route file replaces its own routes only; the pipelines and the inbox keep running.
                arguments.add("--camel.main.routes-reload-enabled=true");
                arguments.add("--camel.main.routes-reload-directory=" + routes);
                arguments.add("--camel.main.routes-reload-pattern=*.yaml");
                arguments.add("--camel.main.routes-reload-remove-all-routes=false");
            }
        });
        if (root.home != null) {
            arguments.add("--lakehub.home=" + root.home.toAbsolutePath().normalize());
        }
        if (port != null) {
            arguments.add("--server.port=" + port);
        }
        HubBackends backends = root.backends();
        boolean ownBackends = backends instanceof DefaultHubBackends;
        SpringApplication application = PreparedContext.hubApplication(ownBackends);
        if (!ownBackends) {
            application.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("hubBackends", backends));
        } else {
            preloadSqlEngineLibrary();
        }
        StartupSteps steps = StartupSteps.recordIfAsked(application);
        try {
            context = application.run(arguments.toArray(String[]::new));
            if (steps != null) {
                steps.write();
            }
        } catch (RuntimeException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof io.lakehub.schedules.pipeline.PipelineConfigException refused) {
                    refused.problems().forEach(root.err()::println);
                    root.err().println("The hub was not started.");
                    root.err().flush();
                    return LakehubCommand.REFUSED;
                }
                if (c instanceof PortInUseException inUse) {
                    throw new HubUnavailableException(
                            "Port " + inUse.getPort() + " is already in use; stop what listens there or pick another"
                                    + " with --port.",
                            e);
                }
            }
            throw e;
        }
        return 0;
    }

    /**
     * Loads DuckDB's native library (~60 MB, a few tenths of a second to map and link) on a thread of its own while
     * Spring reads its configuration, instead of on the start-up path when the SQL engine is made (ADR 0062). The
     * engine's connection then waits for the class to be ready, as the JVM makes every thread wait for a class's
     * initialisation. A library that cannot be loaded fails the same way either way: the engine's first use
     * throws, naming the library's own error as the cause.
     */
    static Thread preloadSqlEngineLibrary() {
        return Thread.ofPlatform().daemon().name("lakehub-duckdb-load").start(() -> {
            try {
                Class.forName(DUCKDB_NATIVE, true, RunCommand.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // Not lost: the SQL engine's first connection meets the same failure when the hub opens it (a missing
                // class as such; a library that failed to load as the cause the JVM keeps in the NoClassDefFoundError
                // it throws then), and that stops the start with its message.
            }
        });
    }

    /** The DuckDB JDBC driver's class that loads its native library in its static initialiser. */
    static final String DUCKDB_NATIVE = "org.duckdb.DuckDBNative";

    /**
     * Fails fast, without booting Spring, when another process holds the home; the hub takes the
     * lock for good while it starts (see LakehubAutoConfiguration), so this is only for a clear
     * message.
     */
    private void refuseIfHeld() {
        if (springArguments.stream().anyMatch(a -> a.startsWith("--lakehub.home="))) {
            return; // the home is Spring's to resolve; its own lock check reports a conflict
        }
        Path home = root.properties().homePath();
        Optional<HomeLock> lock = HomeLock.tryAcquire(home, HomeLock.Kind.HUB);
        if (lock.isPresent()) {
            lock.get().close();
            return;
        }
        String holder = HomeLock.recordedHolder(home)
                .map(h -> " (" + h.kind().name().toLowerCase(Locale.ROOT) + ", pid " + h.pid() + ")")
                .orElse("");
        throw new HubUnavailableException(home + " is in use by another Lakehub process" + holder
                + "; one hub per home. Stop it, or start this hub with another --home.");
    }

    /** The running hub, for callers that started it in-process (tests). */
    ConfigurableApplicationContext context() {
        return context;
    }
}

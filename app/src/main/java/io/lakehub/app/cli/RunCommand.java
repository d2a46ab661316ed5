package io.lakehub.app.cli;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.app.hub.HubBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lakehub run [--port 8080]}: starts the hub (HTTP API, inbox, {@code /actuator/health}) and
 * returns once it is up; the hub runs until the process is stopped. Any further {@code
 * --name=value} argument after {@code --} is passed to Spring Boot as a property.
 */
@Command(name = "run", description = "Run the hub: HTTP API, inbox watching, health endpoint.")
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
        List<String> arguments = new ArrayList<>(springArguments);
        if (root.home != null) {
            arguments.add("--lakehub.home=" + root.home.toAbsolutePath().normalize());
        }
        if (port != null) {
            arguments.add("--server.port=" + port);
        }
        SpringApplication application = new SpringApplication(LakehubApplication.class);
        HubBackends backends = root.backends();
        if (!(backends instanceof DefaultHubBackends)) {
            application.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("hubBackends", backends));
        }
        context = application.run(arguments.toArray(String[]::new));
        return 0;
    }

    /** The running hub, for callers that started it in-process (tests). */
    ConfigurableApplicationContext context() {
        return context;
    }
}

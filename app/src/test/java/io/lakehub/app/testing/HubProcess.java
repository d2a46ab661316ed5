package io.lakehub.app.testing;

import io.lakehub.app.LakehubMain;
import io.lakehub.app.aot.PreparedContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hub (or any CLI command) in a JVM of its own, started from the test's class path: what the
 * crash tests SIGKILL ({@code Process.destroyForcibly()}) and start again on the same home.
 */
public final class HubProcess {

    private HubProcess() {}

    /** The commands the launcher starts with the hub's JVM options ({@code hub_reflect_opts}, ADR 0061). */
    private static final List<String> HUB_COMMANDS =
            List.of("run", "pipeline", "job", "erase", "erasure", "index", "search");

    /**
     * The hub's JVM options as the launcher gives them ({@code hub_opts}), so that a hub here runs as {@code
     * ./lakehub run}'s: native reflection accessors (ADR 0061) and the build's prepared Spring context when the
     * settings allow it (ADR 0066; the integration tests run after the build has prepared it).
     */
    public static final List<String> HUB_JVM_OPTIONS =
            List.of("-Djdk.reflect.useNativeAccessorOnly=true", "-D" + PreparedContext.ENABLED_PROPERTY + "=true");

    /**
     * C1 only, for every process here. These JVMs start cold from the test class path (no AOT cache:
     * the JVM archives no classes from a class path that begins with a non-empty directory such as
     * {@code target/test-classes}), and C2 compiling code that runs once is most of a cold hub start's
     * CPU: on 2 cores a hub was UP in 7.5-8.0 s with C1 alone against 11.1-11.3 s (CPU 9 against 16 s),
     * and the crash and cluster tests start several. The tests' workloads are small; what they check
     * (crash safety, exactly-once, leases) does not depend on the compiler.
     */
    private static final List<String> TEST_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

    /**
     * {@code java [the hub's options] -cp <test class path> LakehubMain --home HOME --config CONFIG ARGS...}, its
     * standard output and error written to {@code log}; not started, so a test can add to its
     * environment.
     */
    public static ProcessBuilder command(Path home, Path config, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(TEST_JVM_OPTIONS);
        if (args.length > 0 && HUB_COMMANDS.contains(args[0])) {
            command.addAll(HUB_JVM_OPTIONS);
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                LakehubMain.class.getName(),
                "--home",
                home.toString(),
                "--config",
                config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    }

    /** Stops the hubs as a user would (SIGTERM), and those still running after 30 s with SIGKILL. */
    public static void stopAll(List<Process> hubs) throws InterruptedException {
        for (Process hub : hubs) {
            hub.destroy();
            if (!hub.waitFor(30, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }
}

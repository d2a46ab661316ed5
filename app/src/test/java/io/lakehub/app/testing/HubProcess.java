package io.lakehub.app.testing;

import io.lakehub.app.LakehubMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hub (or any CLI command) in a JVM of its own, started from the test's class path: what the
 * crash tests SIGKILL ({@code Process.destroyForcibly()}) and start again on the same home.
 */
public final class HubProcess {

    private HubProcess() {}

    /** The commands the launcher starts with the hub's JVM options ({@code hub_reflect_opts}, ADR 0061). */
    private static final List<String> HUB_COMMANDS =
            List.of("run", "pipeline", "job", "erase", "erasure", "index", "search");

    /** The hub's JVM options as the launcher gives them, so that a hub here runs as {@code ./lakehub run}'s. */
    private static final List<String> HUB_JVM_OPTIONS = List.of("-Djdk.reflect.useNativeAccessorOnly=true");

    /**
     * {@code java [the hub's options] -cp <test class path> LakehubMain --home HOME --config CONFIG ARGS...}, its
     * standard output and error written to {@code log}; not started, so a test can add to its
     * environment.
     */
    public static ProcessBuilder command(Path home, Path config, Path log, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
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
}

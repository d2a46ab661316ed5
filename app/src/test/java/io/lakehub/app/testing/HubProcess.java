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

    /**
     * {@code java -cp <test class path> LakehubMain --home HOME --config CONFIG ARGS...}, its
     * standard output and error written to {@code log}; not started, so a test can add to its
     * environment.
     */
    public static ProcessBuilder command(Path home, Path config, Path log, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
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

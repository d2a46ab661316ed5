package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code ./lakehub} launcher, started as a user would (bash, a working folder), with
 * none of the launcher's settings inherited from the environment the tests run in.
 */
final class Launcher {
    /** The launcher script at the repository's root (tests run in {@code app/}). */
    static final Path SCRIPT = Path.of("..", "lakehub").toAbsolutePath().normalize();

    /** The environment variables the launcher or the application reads: never taken from the test's. */
    private static final List<String> SETTINGS = List.of(
            "LAKEHUB_HOME",
            "LAKEHUB_CONFIG",
            "LAKEHUB_API_KEY",
            "LAKEHUB_DRY_RUN",
            "LAKEHUB_JAVA_OPTS",
            "LAKEHUB_SQL_SHORTCUT",
            "LAKEHUB_STARTUP_CACHE",
            "LAKEHUB_VECTOR_API");

    private Launcher() {}

    /**
     * {@code bash lakehub ARGS} in {@code dir}, with {@code env} as the only launcher settings; not started.
     */
    static ProcessBuilder process(Path dir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        SETTINGS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        return builder;
    }

    /**
     * The java command line the launcher would run for {@code args} ({@code LAKEHUB_DRY_RUN=1}: no build, no
     * class cache, no JVM), one argument a line.
     */
    static List<String> dryRun(Path dir, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = process(dir, env, args);
        builder.environment().put("LAKEHUB_DRY_RUN", "1");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}

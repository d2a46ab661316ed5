package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakehub.app.vector.VectorApiHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT settings that go with a class cache holding method profiles (ADR 0064): on JDK 25+, for the commands
 * whose cache has profiles (the CLI's, and the hub's without the Vector API module), not for the hub with the
 * module (its cache has none) and not without the cache. Read from the launcher's {@code LAKEHUB_DRY_RUN=1}
 * command line, so no JVM is started.
 */
class LauncherJitTest {
    private static final List<String> PROFILED_CACHE_JIT =
            List.of("-XX:Tier2InvokeNotifyFreqLog=15", "-XX:Tier2BackedgeNotifyFreqLog=16");

    @TempDir
    Path temp;

    @Test
    void theCommandsWithAProfiledCacheCompileWithC2OnlyWhatIsHotInTheirOwnRun() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));
        List<String> run = launch(Map.of(), "--home", home.toString(), "run");
        assumeTrue(javaFeature(run) >= 25, "an AOT cache needs JDK 25+");

        assertThat(run).containsAll(PROFILED_CACHE_JIT);
        assertThat(launch(Map.of(), "--home", home.toString(), "ingest", "people.csv"))
                .containsAll(PROFILED_CACHE_JIT);
        assertThat(launch(Map.of(), "--home", home.toString(), "pipeline", "run", "p"))
                .containsAll(PROFILED_CACHE_JIT);

        Files.writeString(home.resolve(VectorApiHint.FILE), "x");
        assertThat(launch(Map.of(), "--home", home.toString(), "run")).doesNotContainAnyElementsOf(PROFILED_CACHE_JIT);
        assertThat(launch(Map.of(), "--home", home.toString(), "index", "list"))
                .doesNotContainAnyElementsOf(PROFILED_CACHE_JIT);
        assertThat(launch(Map.of("LAKEHUB_STARTUP_CACHE", "off"), "--home", home.toString(), "ingest", "people.csv"))
                .doesNotContainAnyElementsOf(PROFILED_CACHE_JIT);
    }

    /** The feature release of the JDK the launcher chose (its first line is that JDK's {@code bin/java}). */
    private static int javaFeature(List<String> commandLine) throws IOException {
        Path javaHome = Path.of(commandLine.getFirst()).getParent().getParent();
        Matcher version =
                Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(javaHome.resolve("release")));
        assertThat(version.find()).as("JAVA_VERSION in %s/release", javaHome).isTrue();
        return Integer.parseInt(version.group(1));
    }

    private List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Launcher.dryRun(temp, env, args);
    }
}

package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.aot.PreparedContext;
import io.lakehub.app.testing.HubProcess;
import io.lakehub.app.vector.VectorApiHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's JVMs use the JDK's native reflection accessors (ADR 0061), with or without the Vector API module,
 * and may start from the build's prepared Spring context (ADR 0066); the other commands keep the JDK's default. Read from the launcher's {@code LAKEHUB_DRY_RUN=1} command line,
 * so no JVM is started; the crash tests' hub processes ({@link HubProcess}) are started the same way.
 */
class LauncherReflectionTest {
    private static final String NATIVE = "-Djdk.reflect.useNativeAccessorOnly=true";
    private static final String PREPARED = "-D" + PreparedContext.ENABLED_PROPERTY + "=true";

    @TempDir
    Path temp;

    @Test
    void theHubCommandsUseNativeReflectionAccessorsAndTheShortCommandsDoNot() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));

        assertThat(launch("--home", home.toString(), "run")).contains(NATIVE, PREPARED);
        assertThat(launch("--home", home.toString(), "pipeline", "run", "p")).contains(NATIVE);
        Files.writeString(home.resolve(VectorApiHint.FILE), "x");
        assertThat(launch("--home", home.toString(), "run")).contains(NATIVE, PREPARED);

        assertThat(launch("--home", home.toString(), "ingest", "people.csv")).doesNotContain(NATIVE, PREPARED);
        assertThat(launch("--home", home.toString(), "datasets")).doesNotContain(NATIVE, PREPARED);
    }

    @Test
    void theTestsHubProcessesRunAsTheLauncherRunsTheHub() {
        Path home = temp.resolve("home");
        Path config = temp.resolve("lakehub.yaml");
        Path log = temp.resolve("hub.log");

        assertThat(HubProcess.command(home, config, log, "run").command()).contains(NATIVE, PREPARED);
        assertThat(HubProcess.command(home, config, log, "ingest", "people.csv").command())
                .doesNotContain(NATIVE);
    }

    private List<String> launch(String... args) throws IOException, InterruptedException {
        return Launcher.dryRun(temp, Map.of(), args);
    }
}

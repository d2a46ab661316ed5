package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.vector.VectorApiHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher gives the hub the Vector API module only when its home serves vector indexes (ADR 0058):
 * a fresh home starts without it (the faster start), a home with the hub's {@code .vector-indexes} file
 * with it; {@code LAKEHUB_VECTOR_API=on|off} override; the vector commands have it unless off. Read from
 * the launcher's {@code LAKEHUB_DRY_RUN=1} command line, so no JVM is started.
 */
class LauncherVectorApiTest {
    private static final String MODULE = "jdk.incubator.vector";

    @TempDir
    Path temp;

    @Test
    void aHomeWithoutVectorIndexesStartsTheHubWithoutTheModuleAndOneWithThemWithIt() throws Exception {
        Path home = Files.createDirectories(temp.resolve("home"));

        assertThat(launch(Map.of(), "--home", home.toString(), "run")).doesNotContain(MODULE);

        Files.writeString(home.resolve(VectorApiHint.FILE), "x");
        assertThat(launch(Map.of(), "--home", home.toString(), "run")).contains(MODULE);
        assertThat(launch(Map.of(), "--home=" + home, "run")).contains(MODULE);
        assertThat(launch(Map.of("LAKEHUB_HOME", home.toString()), "run")).contains(MODULE);
        assertThat(launch(Map.of("LAKEHUB_HOME", home.toString()), "pipeline", "run", "p"))
                .contains(MODULE);
    }

    @Test
    void theSwitchOverridesTheHomeAndTheVectorCommandsHaveTheModuleUnlessOff() throws Exception {
        Path home = Files.createDirectories(temp.resolve("fresh"));

        assertThat(launch(Map.of("LAKEHUB_VECTOR_API", "on"), "--home", home.toString(), "run"))
                .contains(MODULE);
        Files.writeString(home.resolve(VectorApiHint.FILE), "x");
        assertThat(launch(Map.of("LAKEHUB_VECTOR_API", "off"), "--home", home.toString(), "run"))
                .doesNotContain(MODULE);

        Path other = Files.createDirectories(temp.resolve("other"));
        assertThat(launch(Map.of(), "--home", other.toString(), "search", "idx", "q"))
                .contains(MODULE);
        assertThat(launch(Map.of("LAKEHUB_VECTOR_API", "off"), "--home", other.toString(), "index", "list"))
                .doesNotContain(MODULE);
        assertThat(launch(Map.of(), "--home", home.toString(), "sql", "SELECT 1"))
                .doesNotContain(MODULE);
    }

    @Test
    void aPlainHomeInTheConfigurationIsFollowedAndAnyOtherFormKeepsTheModule() throws Exception {
        Path home = Files.createDirectories(temp.resolve("configured"));
        Path plain = Files.writeString(
                temp.resolve("lakehub.yaml"),
                "# the quickstart's shape\nlakehub:\n  home: " + home + "   # the lake\n  pipelines: []\n");

        assertThat(launch(Map.of(), "--config", plain.toString(), "run")).doesNotContain(MODULE);
        Files.writeString(home.resolve(VectorApiHint.FILE), "x");
        assertThat(launch(Map.of(), "--config", plain.toString(), "run")).contains(MODULE);
        assertThat(launch(Map.of(), "--home", temp.resolve("other").toString(), "--config", plain.toString(), "run"))
                .doesNotContain(MODULE);

        Files.delete(home.resolve(VectorApiHint.FILE));
        assertThat(launch(Map.of("LAKEHUB_HOME", home.toString()), "--config", plain.toString(), "run"))
                .as("two settings name a home: the launcher does not pick one")
                .contains(MODULE);
        for (String other : new String[] {
            "lakehub:\n  home: ${LAKE_ROOT}/home\n",
            "lakehub:\n  home: \"" + home + "\"\n",
            "lakehub:\n  home: " + home + "\n---\nlakehub:\n  home: /elsewhere\n",
            "spring:\n  home: " + home + "\n",
            "lakehub:\n  catalog:\n    home: " + home + "\n"
        }) {
            Path config = Files.writeString(temp.resolve("other.yaml"), other);
            assertThat(launch(Map.of(), "--config", config.toString(), "run"))
                    .as(other)
                    .contains(MODULE);
        }
    }

    private List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Launcher.dryRun(temp, env, args);
    }
}

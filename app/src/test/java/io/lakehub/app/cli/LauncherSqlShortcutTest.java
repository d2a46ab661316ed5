package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.hub.HubFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher runs {@code sql} in the lean JVM ({@link SqlShortcut}, ADR 0059) when the home's hub.json
 * names a live process and the command line has the simple shape, and the full command line otherwise
 * or with {@code LAKEHUB_SQL_SHORTCUT=off}. Read from the {@code LAKEHUB_DRY_RUN=1} command line, so no
 * JVM is started.
 */
class LauncherSqlShortcutTest {
    private static final String SHORTCUT = SqlShortcut.class.getName();

    @TempDir
    Path temp;

    @Test
    void aHomeWithALiveHubRunsTheQueryInTheLeanJvm() throws Exception {
        Path home = home(ProcessHandle.current().pid());

        List<String> lean = launch(Map.of(), "--home", home.toString(), "sql", "SELECT 1");
        assertThat(lean).contains(SHORTCUT, "-Djava.system.class.loader=" + SqlShortcutLoader.class.getName());
        assertThat(lean)
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto")
                .noneMatch(a -> a.startsWith("-XX:AOTCache") || a.startsWith("-XX:SharedArchiveFile"))
                .doesNotContain("io.lakehub.app.LakehubMain", "-jar");
        assertThat(lean.get(lean.indexOf("-cp") + 1).split(java.io.File.pathSeparator)[0])
                .as("the unpacked application jar, first")
                .endsWith(Path.of("app", "target", "launch", "lakehub.jar").toString());
        assertThat(lean.subList(lean.indexOf(SHORTCUT) + 1, lean.size()))
                .containsExactly("--home", home.toString(), "sql", "SELECT 1");

        assertThat(launch(Map.of(), "--home=" + home, "sql", "--format", "csv", "SELECT 1"))
                .contains(SHORTCUT);
        assertThat(launch(Map.of("LAKEHUB_HOME", home.toString()), "sql", "SELECT 1", "--format=json"))
                .contains(SHORTCUT);
    }

    @Test
    void otherwiseTheFullCommandLine() throws Exception {
        Path live = home(ProcessHandle.current().pid());
        Path dead = home(deadPid());
        Path none = Files.createDirectories(temp.resolve("none"));

        assertThat(launch(Map.of("LAKEHUB_SQL_SHORTCUT", "off"), "--home", live.toString(), "sql", "SELECT 1"))
                .doesNotContain(SHORTCUT);
        assertThat(launch(Map.of("LAKEHUB_STARTUP_CACHE", "off"), "--home", live.toString(), "sql", "SELECT 1"))
                .doesNotContain(SHORTCUT);
        assertThat(launch(Map.of(), "--home", dead.toString(), "sql", "SELECT 1"))
                .as("a stale hub.json")
                .doesNotContain(SHORTCUT);
        assertThat(launch(Map.of(), "--home", none.toString(), "sql", "SELECT 1"))
                .doesNotContain(SHORTCUT);
        for (List<String> args : List.of(
                List.of("sql", "-"),
                List.of("sql", "--help"),
                List.of("sql", "SELECT 1", "-V"),
                List.of("sql", "SELECT 1", "--home", live.toString()),
                List.of("--config", "c.yaml", "sql", "SELECT 1"),
                List.of("datasets"))) {
            List<String> command = new ArrayList<>(List.of("--home", live.toString()));
            command.addAll(args);
            assertThat(launch(Map.of(), command.toArray(String[]::new)))
                    .as(String.join(" ", args))
                    .doesNotContain(SHORTCUT);
        }

        // The quickstart's shape: the home named by config/lakehub.yaml in the working directory, in the plain form
        // that the launcher and SqlShortcut both read (SqlShortcutTest); any other form keeps the full command line.
        Files.createDirectories(temp.resolve("config"));
        Files.writeString(temp.resolve("config").resolve("lakehub.yaml"), "lakehub:\n  home: " + live + "\n");
        assertThat(launch(Map.of(), "sql", "SELECT 1")).contains(SHORTCUT);
        Files.writeString(temp.resolve("config").resolve("lakehub.yaml"), "lakehub:\n  home: \"" + live + "\"\n");
        assertThat(launch(Map.of(), "sql", "SELECT 1")).doesNotContain(SHORTCUT);
    }

    /**
     * The launcher (bash, lakehub_config_home) and SqlShortcut.plainHome read the configuration file's home twice,
     * in two languages: they must agree on every shape, or a query would run the full command line in the lean
     * JVM (the launcher took the shortcut, SqlShortcut did not) or miss the shortcut.
     */
    @Test
    void theLauncherAndSqlShortcutReadTheSameHomesFromTheConfigurationFile() throws Exception {
        Path live = home(ProcessHandle.current().pid());
        Files.createDirectories(temp.resolve("config"));
        List<Boolean> plain = new ArrayList<>();
        for (String yaml : List.of(
                "lakehub:\n  home: " + live + "\n",
                "lakehub:\n  home: " + live + "   # the lake\n  pipelines: []\n",
                "# settings\nlakehub:  # the hub\n  home: " + live + "\n",
                "lakehub:\n  home: \"" + live + "\"\n",
                "lakehub:\n  home: '" + live + "'\n",
                "lakehub:\n   home: " + live + "\n",
                "lakehub.home: " + live + "\n",
                "lakehub:\n  home: " + live + "\nother:\n  home: " + live + "\n",
                "other:\n  home: " + live + "\n",
                "---\nlakehub:\n  home: " + live + "\n",
                "lakehub:\n  home: " + live + "\n...\n")) {
            Files.writeString(temp.resolve("config").resolve("lakehub.yaml"), yaml);
            boolean java = live.toString().equals(SqlShortcut.plainHome(yaml));
            assertThat(launch(Map.of(), "sql", "SELECT 1").contains(SHORTCUT))
                    .as(yaml)
                    .isEqualTo(java);
            plain.add(java);
        }
        assertThat(plain)
                .as("the first three are the plain form, the others not")
                .containsExactly(true, true, true, false, false, false, false, false, false, false, false);
    }

    private Path home(long pid) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home-" + pid));
        new HubFile(pid, "127.0.0.1", 1, "now").write(home);
        return home;
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.pid();
    }

    private List<String> launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Launcher.dryRun(temp, env, args);
    }
}

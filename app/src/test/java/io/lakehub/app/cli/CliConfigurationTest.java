package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.config.LakehubProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFilesTheHubReadsWithConfigFolderFirstAndHomeOptionOnTop() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Files.writeString(dir.resolve("config/application.yml"), """
                lakehub:
                  query:
                    max-rows: 7
                  inbox:
                    poll-delay: 3s
                """);
        Files.writeString(dir.resolve("application.properties"), """
                lakehub.query.max-rows=9
                lakehub.home=/srv/from-file
                lakehub.catalog.url=jdbc:postgresql://db/lake
                """);

        LakehubProperties fromFiles = CliConfiguration.load(dir, null);
        assertThat(fromFiles.getQuery().getMaxRows()).isEqualTo(7);
        assertThat(fromFiles.getInbox().getPollDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromFiles.getHome()).isEqualTo(Path.of("/srv/from-file"));
        assertThat(fromFiles.getCatalog().getUrl()).isEqualTo("jdbc:postgresql://db/lake");

        LakehubProperties withOption = CliConfiguration.load(dir, Path.of("/tmp/other"));
        assertThat(withOption.getHome()).isEqualTo(Path.of("/tmp/other"));
    }

    @Test
    void defaultsWithoutAnyFile() {
        LakehubProperties p = CliConfiguration.load(dir, null);

        assertThat(p.getQuery().getMaxRows()).isEqualTo(10_000);
        assertThat(p.getCatalog().isEmbedded()).isTrue();
        assertThat(p.lakePath()).isEqualTo(p.homePath().resolve("lake"));
    }

    @Test
    void theLakePathComesFromTheSettingsFilesAndTheEnvironmentAsForTheHub() throws Exception {
        Path shared = dir.resolve("shared/lake").toAbsolutePath();
        Files.writeString(dir.resolve("application.properties"), "lakehub.lake.path=" + shared + "\n");

        LakehubProperties p = CliConfiguration.load(dir, dir.resolve("home"));

        assertThat(p.lakePath()).isEqualTo(shared);
        // LAKEHUB_LAKE_PATH, by Spring's relaxed binding of environment variables.
        LakehubProperties fromEnv = org.springframework.boot.context.properties.bind.Binder.get(
                        new org.springframework.core.env.StandardEnvironment() {
                            {
                                getPropertySources()
                                        .addFirst(new org.springframework.core.env.SystemEnvironmentPropertySource(
                                                "test-systemEnvironment",
                                                java.util.Map.of("LAKEHUB_LAKE_PATH", shared.toString())));
                            }
                        })
                .bind("lakehub", LakehubProperties.class)
                .get();
        assertThat(fromEnv.lakePath()).isEqualTo(shared);
    }
}

package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example configuration a new user starts with must validate with nothing set up. */
class ExampleConfigTest {
    /** config/lakehub.yaml at the repository root (tests run in the app module's folder). */
    static final Path EXAMPLE =
            Path.of("..", "config", "lakehub.yaml").toAbsolutePath().normalize();

    @Test
    void theExampleValidatesWithAnEmptyEnvironmentAndHasACronPipelineOverTheSamples() throws Exception {
        PipelineConfig config = PipelineConfigFile.loader(Map.of()).load(EXAMPLE);

        assertThat(PipelineChecks.problems(config)).isEmpty();
        PipelineDefinition samples = config.pipeline("samples").orElseThrow();
        assertThat(samples.isScheduled()).isTrue();
        assertThat(samples.from().resolved()).startsWith("file:config/samples");
        assertThat(Files.list(EXAMPLE.resolveSibling("samples")).toList()).isNotEmpty();
    }
}

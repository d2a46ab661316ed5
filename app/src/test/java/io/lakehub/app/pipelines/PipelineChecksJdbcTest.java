package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up check of database pollers when the database cannot be reached: not a configuration problem. */
class PipelineChecksJdbcTest {

    @Test
    void aDatabaseThatCannotBeReachedAtStartUpIsNotAConfigurationProblem() {
        PipelineConfig config = new PipelineConfigLoader(Map.of()).parse("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      jdbc: { url: "jdbc:postgresql://127.0.0.1:1/test", user: app, table: orders, cursor: [id] }
                      into: orders
                """, "lakehub.yaml");

        assertThat(PipelineChecks.databaseProblems(config))
                .as("logged, and reported by each run instead")
                .isEmpty();
    }
}

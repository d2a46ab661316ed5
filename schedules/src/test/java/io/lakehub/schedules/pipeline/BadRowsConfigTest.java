package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.ingest.BadRowPolicy;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code on_bad_rows} and {@code max_bad_rows} of a pipeline: parsed, checked by key, files only. */
class BadRowsConfigTest {
    private static final String FILE = "config/lakehub.yaml";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of());

    @Test
    void bothKeysAreParsedInAnySpringSpelling() {
        assertThat(policy("on_bad_rows: skip\n      max_bad_rows: \"0.5%\""))
                .isEqualTo(
                        new BadRowPolicy(BadRowPolicy.Action.SKIP, BadRowPolicy.Limit.percent(new BigDecimal("0.5"))));
        assertThat(policy("onBadRows: fail")).isEqualTo(new BadRowPolicy(BadRowPolicy.Action.FAIL, null));
        assertThat(policy("on-bad-rows: REJECTS\n      max-bad-rows: 100"))
                .isEqualTo(new BadRowPolicy(BadRowPolicy.Action.REJECTS, BadRowPolicy.Limit.count(100)));
    }

    @Test
    void withoutTheKeysNothingIsSetAndTheDatasetOrTheDefaultDecides() {
        assertThat(policy("")).isEqualTo(BadRowPolicy.UNSET);
    }

    @Test
    void badValuesAreRefusedNamingLineAndKey() {
        assertThat(problems(pipeline("file:inbox/people", "on_bad_rows: ignore\n      max_bad_rows: lots")))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].on_bad_rows: 'ignore' is not a bad-row policy;"
                                + " expected fail, skip or rejects",
                        "config/lakehub.yaml:7: lakehub.pipelines[0].max_bad_rows: 'lots' is not a bad-row limit;"
                                + " expected a percentage of the rows (1%) or a number of rows (100)");
        assertThat(problems(pipeline("file:inbox/people", "max_bad_rows: \"150%\"")))
                .hasSize(1);
        assertThat(problems(pipeline("file:inbox/people", "on_bad_row: skip")))
                .singleElement()
                .asString()
                .contains("unknown key 'on_bad_row' (did you mean 'on_bad_rows'?)");
    }

    @Test
    void aDatabasePollerRefusesThem() {
        String yaml = pipeline(
                "jdbc",
                "jdbc: { url: \"jdbc:postgresql://127.0.0.1:5432/test\", user: postgres, table: public.orders,"
                        + " cursor: [updated_at, id] }\n      on_bad_rows: skip");
        assertThat(problems(yaml))
                .containsExactly("config/lakehub.yaml:7: lakehub.pipelines[0].on_bad_rows: on_bad_rows only applies"
                        + " to files; from: jdbc reads typed rows, none of them bad");
    }

    private BadRowPolicy policy(String extra) {
        return loader.parse(pipeline("file:inbox/people", extra), FILE)
                .pipelines()
                .getFirst()
                .badRows();
    }

    /** A pipeline at lines 3-5 plus {@code extra} from line 6 on. */
    private static String pipeline(String from, String extra) {
        return """
                lakehub:
                  pipelines:
                    - id: people
                      from: "%s"
                      into: people
                      %s
                """.formatted(from, extra);
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }
}

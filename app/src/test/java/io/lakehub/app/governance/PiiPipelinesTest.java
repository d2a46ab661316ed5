package io.lakehub.app.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.governance.PiiAction;
import io.lakehub.processors.governance.PiiGovernance;
import io.lakehub.processors.pii.ScanOptions;
import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pipelines' policies checked against the hub's PII settings at start-up (and every reload). */
class PiiPipelinesTest {
    private static final String FILE = "config/lakehub.yaml";
    private static final String YAML = """
            lakehub:
              pipelines:
                - id: tickets
                  from: "file:inbox/tickets"
                  into: tickets
                  pii:
                    policies:
                      - column: note
                        action: quarantine
                      - column: email
                        action: hash
            """;

    private static PipelineConfig config() {
        return new PipelineConfigLoader(Map.of()).parse(YAML, FILE);
    }

    @Test
    void aHashPolicyWithoutTheKeyIsRefusedNamingItsFileLineAndKey() {
        PiiGovernance noKey = PiiGovernance.of(true, null, PiiAction.FLAG, ScanOptions.DEFAULTS);

        List<ConfigProblem> problems = PiiPipelines.apply(noKey, config());

        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith(FILE + ":")
                        .contains("lakehub.pipelines[0].pii.policies[1].action")
                        .contains("hash needs lakehub.pii.hash-key"));
    }

    @Test
    void withTheKeyTheQuarantineAndHashPoliciesAreInForce() {
        PiiGovernance keyed = PiiGovernance.of(true, "k-0123456789abcdef", PiiAction.FLAG, ScanOptions.DEFAULTS);

        assertThat(PiiPipelines.apply(keyed, config())).isEmpty();
    }

    private static Optional<LakeSchema> tickets(String dataset, String... columns) {
        return Optional.of(new LakeSchema(java.util.Arrays.stream(columns)
                .map(c -> LakeField.nullable(c, LakeType.STRING))
                .toList()));
    }

    @Test
    void aColumnTheExistingDatasetLacksIsRefusedNamingTheColumnAndTheDatasetsColumns() {
        PiiGovernance keyed = PiiGovernance.of(true, "k-0123456789abcdef", PiiAction.FLAG, ScanOptions.DEFAULTS);

        List<ConfigProblem> problems = PiiPipelines.apply(
                keyed, config(), name -> name.equals("tickets") ? tickets(name, "id", "Note") : Optional.empty());

        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith(FILE + ":")
                        .contains("lakehub.pipelines[0].pii.policies[1].column")
                        .contains("column 'email' is not in dataset 'tickets' (its columns: id, Note)"));
        assertThat(PiiPipelines.apply(keyed, config(), name -> tickets(name, "id", "NOTE", "Email")))
                .as("matched case-insensitively")
                .isEmpty();
        assertThat(PiiPipelines.apply(keyed, config(), name -> Optional.empty()))
                .as("no dataset yet: checked at the first read")
                .isEmpty();
    }

    @Test
    void withTheScanOffTheColumnsAreNotChecked() {
        PiiGovernance off = PiiGovernance.of(false, null, PiiAction.FLAG, ScanOptions.DEFAULTS);

        assertThat(PiiPipelines.apply(off, config(), name -> tickets(name, "id")))
                .isEmpty();
    }
}

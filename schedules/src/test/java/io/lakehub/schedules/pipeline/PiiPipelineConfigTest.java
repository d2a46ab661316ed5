package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.governance.PiiAction;
import io.lakehub.processors.governance.PiiConfig;
import io.lakehub.processors.governance.PiiPolicy;
import io.lakehub.processors.pii.PiiType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline's {@code pii:} block: read into its definition, every problem named by file, line and key. */
class PiiPipelineConfigTest {
    private static final String FILE = "config/lakehub.yaml";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of());

    private static String withPii(String pii) {
        return """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "file:inbox/orders"
                      into: orders
                      pii:
                %s""".formatted(pii.indent(8));
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }

    @Test
    void policiesAreReadWithTheirKeys() {
        PipelineDefinition p =
                loader.parse(withPii("""
                                policies:
                                  - column: email
                                    action: hash
                                  - type: CREDIT_CARD
                                    action: mask
                                    keep_suffix: 4
                                """), FILE).pipeline("orders").orElseThrow();
        assertThat(p.pii().scan()).isTrue();
        assertThat(p.pii().policies())
                .containsExactly(
                        new PiiPolicy(
                                FILE + ":7: lakehub.pipelines[0].pii.policies[0]", "email", null, PiiAction.HASH, 0, 0),
                        new PiiPolicy(
                                FILE + ":7: lakehub.pipelines[0].pii.policies[1]",
                                null,
                                PiiType.CREDIT_CARD,
                                PiiAction.MASK,
                                0,
                                4));
        assertThat(loader.parse(withPii("scan: false"), FILE)
                        .pipeline("orders")
                        .orElseThrow()
                        .pii()
                        .scan())
                .isFalse();
        String without = """
                lakehub:
                  pipelines:
                    - id: orders
                      from: "file:inbox/orders"
                      into: orders
                """;
        assertThat(loader.parse(without, FILE).pipeline("orders").orElseThrow().pii())
                .isEqualTo(PiiConfig.DEFAULT);
    }

    @Test
    void anUnknownActionOrTypeIsRefusedNamingTheKey() {
        assertThat(problems(withPii("""
                        policies:
                          - column: email
                            action: encrypt
                          - type: PASSPORT
                            action: drop
                        """)))
                .containsExactly(
                        FILE + ":7: lakehub.pipelines[0].pii.policies[0].action: unknown action 'encrypt' (known: flag,"
                                + " mask, hash, drop, quarantine)",
                        FILE + ":7: lakehub.pipelines[0].pii.policies[1].type: unknown entity type 'PASSPORT' (known:"
                                + " EMAIL, PHONE, US_SSN, CREDIT_CARD, IBAN, IP_ADDRESS, DATE_OF_BIRTH, PERSON_NAME,"
                                + " STREET_ADDRESS, FINANCIAL, HEALTH)");
    }
}

package io.lakehub.processors.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.pii.PiiType;
import io.lakehub.processors.pii.ScanOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code pii:} block and the start-up checks, each problem naming its key. */
class PiiConfigTest {
    private static final String WHERE = "pipelines/orders.yaml";

    private static PiiConfig parse(Object block, List<String> problems) {
        return PiiConfig.parse(block, WHERE, problems::add);
    }

    @Test
    void policiesByColumnAndByTypeAreRead() {
        List<String> problems = new ArrayList<>();
        PiiConfig config = parse(
                Map.of(
                        "policies",
                        List.of(
                                Map.of("column", "email", "action", "hash"),
                                Map.of("type", "credit_card", "action", "mask", "keep_suffix", 4))),
                problems);
        assertThat(problems).isEmpty();
        assertThat(config.scan()).isTrue();
        assertThat(config.policies())
                .containsExactly(
                        new PiiPolicy(WHERE + ": pii.policies[0]", "email", null, PiiAction.HASH, 0, 0),
                        new PiiPolicy(WHERE + ": pii.policies[1]", null, PiiType.CREDIT_CARD, PiiAction.MASK, 0, 4));
        assertThat(parse(Map.of("scan", false), problems).scan()).isFalse();
        assertThat(parse(null, problems)).isEqualTo(PiiConfig.DEFAULT);
    }

    @Test
    void everyProblemIsReportedNamingItsKey() {
        List<String> problems = new ArrayList<>();
        parse(
                Map.of(
                        "scann",
                        true,
                        "policies",
                        List.of(
                                Map.of("column", "email", "action", "encrypt"),
                                Map.of("type", "PASSPORT", "action", "drop"),
                                Map.of("column", "card", "action", "hash", "keep_suffix", 4),
                                Map.of("action", "mask"),
                                Map.of("type", "EMAIL", "action", "quarantine"))),
                problems);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        WHERE + ": pii.scann: unknown key (known: scan, policies)",
                        WHERE + ": pii.policies[0].action: unknown action 'encrypt' (known: flag, mask, hash, drop,"
                                + " quarantine)",
                        WHERE + ": pii.policies[1].type: unknown entity type 'PASSPORT' (known: EMAIL, PHONE, US_SSN,"
                                + " CREDIT_CARD, IBAN, IP_ADDRESS, DATE_OF_BIRTH, PERSON_NAME, STREET_ADDRESS,"
                                + " FINANCIAL, HEALTH)",
                        WHERE + ": pii.policies[2]: keep_prefix and keep_suffix only apply to action: mask",
                        WHERE + ": pii.policies[3]: names neither a column nor a type (column: email or type: EMAIL)",
                        WHERE + ": pii.policies[4].action: quarantine names the free-text column whose cells are"
                                + " checked (column: notes), not a type");
    }

    @Test
    void aHashPolicyWithoutTheKeyIsRefusedAtStartUpNamingTheKey() {
        List<String> problems = new ArrayList<>();
        PiiConfig config = parse(
                Map.of(
                        "policies",
                        List.of(
                                Map.of("column", "email", "action", "mask"),
                                Map.of("column", "email", "action", "hash"))),
                problems);
        assertThat(problems).isEmpty();
        assertThatThrownBy(() -> PiiGovernance.of(true, " ", PiiAction.FLAG, ScanOptions.DEFAULTS)
                        .usePipelines(Map.of("orders", config)))
                .hasMessage(
                        WHERE + ": pii.policies[1].action: hash needs lakehub.pii.hash-key (env LAKEHUB_PII_HASH_KEY)");
        assertThatThrownBy(() -> PiiGovernance.of(true, null, PiiAction.HASH, ScanOptions.DEFAULTS))
                .hasMessage("lakehub.pii.default-action: hash needs lakehub.pii.hash-key (env LAKEHUB_PII_HASH_KEY)");
        PiiGovernance ok = PiiGovernance.of(true, "k", PiiAction.FLAG, ScanOptions.DEFAULTS)
                .usePipelines(Map.of("orders", config));
        assertThat(ok.stepFor("orders")).isPresent();
        assertThat(ok.stepFor(null)).isPresent();
        assertThat(PiiGovernance.of(true, null, PiiAction.FLAG, ScanOptions.DEFAULTS)
                        .usePipelines(Map.of("orders", new PiiConfig(false, List.of())))
                        .stepFor("orders"))
                .isEmpty();
        assertThat(PiiGovernance.OFF.stepFor(null)).isEmpty();
    }
}

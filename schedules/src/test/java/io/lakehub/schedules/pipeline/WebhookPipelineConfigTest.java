package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code from: webhook} pipelines: the {@code webhook:} block and each problem by file, line and key. */
class WebhookPipelineConfigTest {
    private static final String FILE = "config/lakehub.yaml";
    private static final String SECRET = "wh-s3cret-value";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of("ORDERS_WEBHOOK_SECRET", SECRET));

    @Test
    void aWebhookSourceHasItsSecretAndNoCamelEndpoint() {
        PipelineDefinition p = loader.parse(
                        pipeline("webhook", "      webhook: { secret: \"${ORDERS_WEBHOOK_SECRET}\" }\n"), FILE)
                .pipeline("orders")
                .orElseThrow();

        assertThat(p.isWebhookSource()).isTrue();
        assertThat(p.from().display()).isEqualTo("webhook");
        assertThat(p.from().resolved()).isEqualTo("lakehub-webhook:orders");
        assertThat(p.webhookSourceSecret().matches(SECRET)).isTrue();
        assertThat(p.webhookEnabled()).as("the trigger is another thing").isFalse();
        assertThat(p.toString()).doesNotContain(SECRET);
    }

    @Test
    void everyMisuseIsAProblemNamingItsKey() {
        assertThat(problems(pipeline("webhook", "")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("lakehub.pipelines[0]: missing required key 'webhook'")
                .contains("from: webhook needs the secret");
        assertThat(problems(pipeline("webhook", "      webhook: { secret: \"plain-text\" }\n")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("lakehub.pipelines[0].webhook.secret")
                .doesNotContain("plain-text");
        assertThat(problems(
                        pipeline("webhook", "      webhook: { secret: \"${ORDERS_WEBHOOK_SECRET}\", sekret: x }\n")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("sekret");
        assertThat(problems(pipeline(
                        "webhook",
                        "      webhook: { secret: \"${ORDERS_WEBHOOK_SECRET}\" }\n      schedule: \"0 * * * * ?\"\n")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("lakehub.pipelines[0].schedule")
                .contains("no schedule");
        assertThat(problems(
                        pipeline("\"file:inbox/orders\"", "      webhook: { secret: \"${ORDERS_WEBHOOK_SECRET}\" }\n")))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("webhook only applies to from: webhook");
    }

    private static String pipeline(String from, String extra) {
        return """
                lakehub:
                  pipelines:
                    - id: orders
                      from: %s
                      into: orders
                %s""".formatted(from, extra);
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

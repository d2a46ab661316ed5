package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookAuthenticationTest {

    private static final Secret SECRET = new Secret("It's a Secret to Everybody", "PEOPLE_TRIGGER_SECRET");
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsTheSignatureGitHubDocumentsForThisSecretAndBody() {
        // The example from GitHub's "Validating webhook deliveries" page: senders that sign like GitHub work as-is.
        String github = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        assertThat(WebhookAuthentication.verify(SECRET, BODY, github, null))
                .isEqualTo(WebhookAuthentication.Verdict.ACCEPTED);
        assertThat(WebhookAuthentication.verify(
                        SECRET, BODY, github.toUpperCase().replace("SHA256", "sha256"), null))
                .as("hex digits in upper case")
                .isEqualTo(WebhookAuthentication.Verdict.ACCEPTED);
        assertThat(WebhookAuthentication.signatureFor(SECRET, BODY)).isEqualTo(github);
    }

    @Test
    void refusesASignatureOfAnotherBodyOrSecret() {
        String signature = WebhookAuthentication.signatureFor(SECRET, BODY);
        byte[] tampered = "Hello, World?".getBytes(StandardCharsets.UTF_8);
        Secret other = new Secret("another secret", "OTHER");

        assertThat(WebhookAuthentication.verify(SECRET, tampered, signature, null))
                .isEqualTo(WebhookAuthentication.Verdict.BAD_SIGNATURE);
        assertThat(WebhookAuthentication.verify(other, BODY, signature, null))
                .isEqualTo(WebhookAuthentication.Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesMissingAndMalformedCredentials() {
        assertThat(WebhookAuthentication.verify(SECRET, BODY, null, null))
                .isEqualTo(WebhookAuthentication.Verdict.MISSING);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, "", "Basic dXNlcjpwdw=="))
                .isEqualTo(WebhookAuthentication.Verdict.MISSING);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, "sha1=abc", null))
                .isEqualTo(WebhookAuthentication.Verdict.MALFORMED_SIGNATURE);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, "sha256=" + "0".repeat(63), null))
                .isEqualTo(WebhookAuthentication.Verdict.MALFORMED_SIGNATURE);
        assertThat(WebhookAuthentication.Verdict.MISSING.reason()).contains("X-Hub-Signature-256");
    }

    @Test
    void acceptsTheSecretAsABearerTokenAndNothingElse() {
        assertThat(WebhookAuthentication.verify(SECRET, BODY, null, "Bearer It's a Secret to Everybody"))
                .isEqualTo(WebhookAuthentication.Verdict.ACCEPTED);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, null, "bearer It's a Secret to Everybody"))
                .isEqualTo(WebhookAuthentication.Verdict.ACCEPTED);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, null, "Bearer It's a Secret to Everybod"))
                .isEqualTo(WebhookAuthentication.Verdict.BAD_TOKEN);
        assertThat(WebhookAuthentication.verify(SECRET, BODY, null, "Bearer "))
                .isEqualTo(WebhookAuthentication.Verdict.MISSING);
    }

    @Test
    void aWrongSignatureIsNotRescuedByAGoodToken() {
        String wrong = WebhookAuthentication.signatureFor(SECRET, "other".getBytes(StandardCharsets.UTF_8));

        assertThat(WebhookAuthentication.verify(SECRET, BODY, wrong, "Bearer It's a Secret to Everybody"))
                .isEqualTo(WebhookAuthentication.Verdict.BAD_SIGNATURE);
    }

    @Test
    void aSecretNeverPrintsItself() {
        assertThat(SECRET.toString()).isEqualTo("***");
        assertThat(SECRET.variable()).isEqualTo("PEOPLE_TRIGGER_SECRET");
        assertThat(SECRET.matches("It's a Secret to Everybody")).isTrue();
        assertThat(SECRET.matches(null)).isFalse();
    }
}

package io.lakehub.app.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.testing.HubHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A column PII policy of a pipeline whose dataset already exists is checked against the dataset's
 * columns at start-up (issue 9): a column the dataset lacks keeps the hub from starting, naming the
 * policy's file, line and key, the column and the columns there are.
 */
class PiiColumnStartTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConfigurableApplicationContext start(Path home, Path config) {
        List<String> args = new ArrayList<>(List.of(
                "--lakehub.home=" + home,
                "--server.port=0",
                "--lakehub.inbox.enabled=false",
                "--lakehub.pii.hash-key=pii-column-start-key-0123456789"));
        if (config != null) {
            args.add("--lakehub.config=" + config);
        }
        return new SpringApplicationBuilder(LakehubApplication.class).run(args.toArray(String[]::new));
    }

    private static String pipeline(Path source, String policies) {
        return """
                lakehub:
                  pipelines:
                    - id: customers
                      from: "file:%s?noop=true"
                      format: csv
                      into: customers
                      schedule: "0 0 3 * * ?"
                      pii:
                        policies:
                %s""".formatted(source, policies);
    }

    @Test
    void aPolicyNamingAColumnTheExistingDatasetLacksKeepsTheHubFromStarting() throws Exception {
        Path home = TestHomes.create("pii-column-start");
        Path source = Files.createDirectories(home.resolveSibling("pii-column-start-source"));
        Path csv = Files.writeString(
                home.resolveSibling("customers.csv"), "id,Email,name\n1,a@example.org,Ann\n2,b@example.org,Bob\n");
        try (ConfigurableApplicationContext hub = start(home, null)) {
            HubHttp http = new HubHttp(hub.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
            assertThat(http.post(
                                    "/api/ingest",
                                    "{\"path\": " + JSON.writeValueAsString(csv.toString())
                                            + ", \"dataset\": \"customers\"}")
                            .status())
                    .isEqualTo(200);
        }

        Path wrong = Files.writeString(home.resolveSibling("lakehub-wrong.yaml"), pipeline(source, """
                          - column: email
                            action: hash
                          - column: e_mail
                            action: mask
                """));
        assertThatThrownBy(() -> start(home, wrong))
                .rootCause()
                .hasMessageContaining(wrong + ":9: ") // the pii block's line, as for every policy problem
                .hasMessageContaining("lakehub.pipelines[0].pii.policies[1].column")
                .hasMessageContaining("column 'e_mail' is not in dataset 'customers' (its columns: id, Email, name)")
                .hasMessageNotContaining("policies[0]")
                .hasMessageNotContaining("a@example.org");

        // Matched case-insensitively, as the PII step matches; a drop policy's column never reaches the
        // dataset, so it is not looked for there.
        Path right = Files.writeString(home.resolveSibling("lakehub-right.yaml"), pipeline(source, """
                          - column: EMAIL
                            action: hash
                          - column: ssn
                            action: drop
                """));
        try (ConfigurableApplicationContext hub = start(home, right)) {
            assertThat(hub.isRunning()).isTrue();
        }
    }
}

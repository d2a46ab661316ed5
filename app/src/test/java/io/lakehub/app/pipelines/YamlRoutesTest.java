package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.LakehubApplication;
import io.lakehub.app.api.TestHomes;
import io.lakehub.app.fake.FakeBackends;
import io.lakehub.app.fake.FakeHubConfiguration;
import io.lakehub.catalog.DatasetName;
import io.lakehub.routes.component.LakehubConstants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A raw Camel YAML DSL route from the routes folder, loaded by the hub, using the hub's lakehub: step. */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(FakeHubConfiguration.class)
class YamlRoutesTest {
    private static final Path HOME = TestHomes.create("yaml-routes");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path routes = Files.createDirectories(HOME.resolveSibling("routes"));
        Files.writeString(routes.resolve("people.yaml"), """
                - route:
                    id: people-from-yaml
                    from:
                      uri: direct:x
                      steps:
                        - to: lakehub:people?format=csv&actor=yaml-route
                """);
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        // What `lakehub run` sets for <config dir>/routes/*.yaml.
        registry.add("camel.main.routes-include-pattern", () -> "classpath:camel/*,file:" + routes + "/*.yaml");
        registry.add("camel.main.routes-reload-enabled", () -> "true");
        registry.add("camel.main.routes-reload-directory", routes::toString);
        registry.add("camel.main.routes-reload-pattern", () -> "*.yaml");
        registry.add("camel.main.routes-reload-remove-all-routes", () -> "false");
    }

    @Autowired
    ProducerTemplate producer;

    @Autowired
    FakeBackends backends;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void aYamlRouteIngestsThroughTheLakehubComponent() {
        Exchange result = producer.send("direct:x", e -> {
            e.getMessage().setBody("id,name\n1,a\n2,b\n");
            e.getMessage().setHeader(Exchange.FILE_NAME, "people.csv");
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getHeader(LakehubConstants.ROWS, Long.class))
                .isEqualTo(2);
        assertThat(backends.catalog(HOME).lineage(DatasetName.of("people"))).hasSize(1);
    }

    @Test
    void anEditedRouteFileReplacesItsRoutesAndLeavesTheOthersRunning() throws Exception {
        Path routes = HOME.resolveSibling("routes");
        Files.writeString(routes.resolve("extra.yaml"), """
                - route:
                    id: extra-from-yaml
                    from:
                      uri: direct:extra
                      steps:
                        - to: lakehub:extra?format=csv
                """);

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(camel.getRoute("extra-from-yaml")).isNotNull());
        assertThat(camel.getRoute("people-from-yaml"))
                .as("the other file's route")
                .isNotNull();
    }
}

package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.seda.SedaComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

class CamelSettingsFilterTest {
    private static final String SEDA = "org.apache.camel.component.seda.springboot.SedaComponentAutoConfiguration";
    private static final String SEDA_CONVERTER = "org.apache.camel.component.seda.springboot.SedaComponentConverter";
    private static final String KAFKA = "org.apache.camel.component.kafka.springboot.KafkaComponentAutoConfiguration";
    private static final String SIMPLE = "org.apache.camel.language.simple.springboot.SimpleLanguageAutoConfiguration";
    private static final String JSON =
            "org.apache.camel.dataformat.jackson.springboot.JacksonDataFormatAutoConfiguration";
    private static final String AWS_VAULT = "org.apache.camel.spring.boot.vault.AwsVaultAutoConfiguration";
    private static final String CAMEL = "org.apache.camel.spring.boot.CamelAutoConfiguration";
    private static final String ROUTE_CONTROLLER =
            "org.apache.camel.spring.boot.routecontroller.SupervisingRouteControllerAutoConfiguration";
    private static final String MVC = "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration";
    private static final String[] CANDIDATES = {
        SEDA, SEDA_CONVERTER, KAFKA, SIMPLE, JSON, AWS_VAULT, CAMEL, ROUTE_CONTROLLER, MVC, null
    };

    @Test
    void withoutCamelSettingsThePerComponentLanguageFormatAndVaultConfigurationsAreLeftOut() {
        boolean[] keep = match(settings(Map.of("camel.main.name", "lakehub", "camel.routecontroller.enabled", "true")));

        assertThat(keep).containsExactly(false, false, false, false, false, false, true, true, true, true);
    }

    @Test
    void oneComponentSettingKeepsEveryComponentConfigurationAndNothingElse() {
        boolean[] keep = match(settings(Map.of("camel.component.seda.queue-size", "7")));

        assertThat(keep).containsExactly(true, true, true, false, false, false, true, true, true, true);
    }

    @Test
    void environmentVariablesCountAsSettings() {
        boolean[] keep = match(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("CAMEL_VAULT_AWS_REGION", "eu-west-1", "CAMEL_LANGUAGE_SIMPLE_TRIM", "true")));

        assertThat(keep).containsExactly(false, false, false, true, false, true, true, true, true, true);
    }

    @Test
    void withoutAnEnvironmentEverythingIsKept() {
        assertThat(new CamelSettingsFilter().match(CANDIDATES, null))
                .containsExactly(true, true, true, true, true, true, true, true, true, true);
    }

    @Test
    void springBootFindsTheFilter() {
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
                        .load(AutoConfigurationImportFilter.class))
                .anyMatch(CamelSettingsFilter.class::isInstance);
    }

    @Test
    void aComponentSettingStillReachesTheComponentAndWithoutOneTheComponentKeepsItsDefaults() {
        try (ConfigurableApplicationContext plain = camelOnly()) {
            assertThat(plain.getBeansOfType(ComponentCustomizer.class)).isEmpty();
            assertThat(plain.getBean(CamelContext.class)
                            .getComponent("seda", SedaComponent.class)
                            .getQueueSize())
                    .isEqualTo(new SedaComponent().getQueueSize());
        }
        try (ConfigurableApplicationContext set = camelOnly("--camel.component.seda.queue-size=7")) {
            assertThat(set.getBeansOfType(ComponentCustomizer.class)).containsKey("configureSedaComponent");
            assertThat(set.getBean(CamelContext.class)
                            .getComponent("seda", SedaComponent.class)
                            .getQueueSize())
                    .isEqualTo(7);
        }
    }

    private static boolean[] match(PropertySource<?> source) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(source);
        CamelSettingsFilter filter = new CamelSettingsFilter();
        filter.setEnvironment(environment);
        return filter.match(CANDIDATES, null);
    }

    private static PropertySource<?> settings(Map<String, Object> values) {
        return new MapPropertySource("test", values);
    }

    /** Camel and Spring Boot's auto-configurations, without the hub's own (no home, catalog or web server). */
    @SpringBootConfiguration
    @EnableAutoConfiguration(
            excludeName = {
                "io.lakehub.app.config.LakehubAutoConfiguration",
                "io.lakehub.app.health.HubHealthConfiguration",
                "io.lakehub.app.metrics.HubMetricsConfiguration",
                "io.lakehub.app.iceberg.IcebergConfiguration"
            })
    static class CamelOnly {}

    private static ConfigurableApplicationContext camelOnly(String... args) {
        SpringApplication application = new SpringApplication(CamelOnly.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("spring.main.banner-mode", "off", "camel.main.name", "filter-test"));
        return application.run(args);
    }
}

package io.lakehub.app.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A start uses the build's prepared context only when everything the build's conditions read is as it was then
 * (ADR 0066); what differs is named by property, never by value.
 */
class BuildEnvironmentTest {
    private static final Set<String> READ =
            Set.of("lakehub.inbox.enabled", "management.server.port", "springdoc.api-docs.path", "odd.placeholder");

    @Test
    void theSameSettingsAsTheBuildsHoldAfterTheRecordIsWrittenAndReadBack() {
        BuildEnvironment build = BuildEnvironment.of(environment(buildSettings()), READ);

        BuildEnvironment read = BuildEnvironment.parse(build.write(), "test");

        assertThat(read.names()).containsExactlyInAnyOrderElementsOf(READ);
        assertThat(read.differenceFrom(environment(buildSettings()))).isEmpty();
        // Settings the conditions did not read (the port, the home) do not matter.
        Map<String, Object> others = buildSettings();
        others.put("server.port", "18080");
        others.put("lakehub.home", "/srv/lake");
        assertThat(read.differenceFrom(environment(others))).isEmpty();
    }

    @Test
    void aPropertyTheBuildSawUnsetIsNamedWhenSet() {
        BuildEnvironment build = recorded();
        Map<String, Object> settings = buildSettings();
        settings.put("lakehub.inbox.enabled", "false");

        assertThat(build.differenceFrom(environment(settings))).contains("property lakehub.inbox.enabled is set");
    }

    @Test
    void anotherValueIsNamedByItsPropertyWithoutTheValue() {
        BuildEnvironment build = recorded();
        Map<String, Object> settings = buildSettings();
        settings.put("springdoc.api-docs.path", "/secret-Zq81x");

        assertThat(build.differenceFrom(environment(settings)))
                .hasValueSatisfying(d -> assertThat(d)
                        .isEqualTo("property springdoc.api-docs.path has another value")
                        .doesNotContain("Zq81x"));
        settings = buildSettings();
        settings.remove("springdoc.api-docs.path");
        assertThat(build.differenceFrom(environment(settings))).contains("property springdoc.api-docs.path is not set");
    }

    @Test
    void aSettingUnderARecordedNameIsADifferenceInAnyOfItsSpellings() {
        Set<String> read = Set.of("camel.ssl");
        BuildEnvironment build = BuildEnvironment.parse(
                BuildEnvironment.of(attached(buildSettings()), read).write(), "t");
        assertThat(build.differenceFrom(attached(buildSettings()))).isEmpty();

        // A condition that binds camel.ssl as a map never asks for camel.ssl.cert-alias by name.
        Map<String, Object> settings = buildSettings();
        settings.put("camel.ssl.cert-alias", "hub");
        assertThat(build.differenceFrom(attached(settings))).contains("the settings under camel.ssl differ");
        // The same setting as an environment variable would be spelled.
        StandardEnvironment environment = attached(buildSettings());
        environment
                .getPropertySources()
                .addLast(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment", Map.of("CAMEL_SSL_CERTALIAS", "hub")));
        assertThat(build.differenceFrom(environment)).contains("the settings under camel.ssl differ");
    }

    @Test
    void anotherProfileIsADifference() {
        BuildEnvironment build = recorded();
        StandardEnvironment withProfile = environment(buildSettings());
        withProfile.setActiveProfiles("postgres");

        assertThat(build.differenceFrom(withProfile)).contains("profiles [postgres] instead of the build's []");
    }

    @Test
    void aDamagedRecordIsReportedByItsSource() {
        assertThatThrownBy(() -> BuildEnvironment.parse("set.a=1\n", "META-INF/lakehub/aot-environment.properties"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("META-INF/lakehub/aot-environment.properties")
                .hasMessageContaining("rebuild the hub");
    }

    /** The build's record of {@link #buildSettings()}, as a start reads it back. */
    private static BuildEnvironment recorded() {
        return BuildEnvironment.parse(
                BuildEnvironment.of(environment(buildSettings()), READ).write(), "test");
    }

    private static Map<String, Object> buildSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("springdoc.api-docs.path", "/api/openapi.json");
        settings.put("odd.placeholder", "${nowhere.defined}");
        return settings;
    }

    /** As a Spring Boot application's environment: relaxed names through the attached configuration properties. */
    private static StandardEnvironment attached(Map<String, Object> settings) {
        StandardEnvironment environment = environment(settings);
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}

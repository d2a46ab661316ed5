package io.lakehub.app.aot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

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
        BuildEnvironment build = BuildEnvironment.parse(
                BuildEnvironment.of(environment(buildSettings()), READ).write(), "t");
        Map<String, Object> settings = buildSettings();
        settings.put("lakehub.inbox.enabled", "false");

        assertThat(build.differenceFrom(environment(settings))).contains("property lakehub.inbox.enabled is set");
    }

    @Test
    void anotherValueIsNamedByItsPropertyWithoutTheValue() {
        BuildEnvironment build = BuildEnvironment.parse(
                BuildEnvironment.of(environment(buildSettings()), READ).write(), "t");
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
    void anotherProfileIsADifference() {
        BuildEnvironment build = BuildEnvironment.parse(
                BuildEnvironment.of(environment(buildSettings()), READ).write(), "t");
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

    private static Map<String, Object> buildSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("springdoc.api-docs.path", "/api/openapi.json");
        settings.put("odd.placeholder", "${nowhere.defined}");
        return settings;
    }

    private static StandardEnvironment environment(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
        return environment;
    }
}

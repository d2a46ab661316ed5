package io.lakehub.app.config;

import io.lakehub.app.aot.LookupRecorder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Leaves Camel's per-component, per-language, per-data-format and vault auto-configurations out of the hub's
 * start while no setting of their family is given (ADR 0060). Each of them only binds its
 * {@code camel.component.<name>.*} (or {@code camel.language.*}, {@code camel.dataformat.*}, {@code
 * camel.vault.*}) settings and hands them to Camel; with none set there is nothing to hand over, and the
 * component, language or vault keeps its own defaults, which are the ones the starter would copy. Camel
 * still finds every component on the class path as before. Reading, checking and binding the ~50 of them
 * took ~0.4 s of CPU at every hub start (docs/startup.md).
 *
 * <p>One setting anywhere in a family (a file, a system property, an environment variable such as {@code
 * CAMEL_COMPONENT_KAFKA_BROKERS}) keeps the whole family, so everything binds exactly as before; a property
 * source that cannot tell whether it holds such a setting keeps it too.
 */
public final class CamelSettingsFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    /** An auto-configuration family: its classes' package prefix and infix, and the settings it binds. */
    private record Family(String packagePrefix, String infix, String settings) {
        boolean holds(String className) {
            return className.startsWith(packagePrefix) && className.indexOf(infix, packagePrefix.length()) >= 0;
        }
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("org.apache.camel.component.", ".springboot.", "camel.component"),
            new Family("org.apache.camel.language.", ".springboot.", "camel.language"),
            new Family("org.apache.camel.dataformat.", ".springboot.", "camel.dataformat"),
            new Family("org.apache.camel.spring.boot.vault.", "", "camel.vault"));

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        Map<String, Boolean> given = new HashMap<>();
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            Family family = name == null ? null : familyOf(name);
            keep[i] = family == null || given.computeIfAbsent(family.settings(), this::anySettingUnder);
        }
        return keep;
    }

    private static Family familyOf(String className) {
        for (Family family : FAMILIES) {
            if (family.holds(className)) {
                return family;
            }
        }
        return null;
    }

    /** Whether any property source holds a setting under {@code prefix}, or cannot tell. */
    private boolean anySettingUnder(String prefix) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return true;
        }
        // The build's prepared context (ADR 0066) holds only while nothing is set under the prefix either.
        LookupRecorder.noteSettingsUnder(configurable, prefix);
        ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            if (source.containsDescendantOf(name) != ConfigurationPropertyState.ABSENT) {
                return true;
            }
        }
        return false;
    }
}

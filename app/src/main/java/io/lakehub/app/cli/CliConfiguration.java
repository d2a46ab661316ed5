package io.lakehub.app.cli;

import io.lakehub.app.config.LakehubProperties;
import java.nio.file.Path;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The settings a CLI command runs with: the same sources {@code lakehub run} reads (application
 * properties/YAML files, environment variables such as {@code LAKEHUB_CATALOG_URL}, system
 * properties), bound by Spring Boot's binder but without starting an application context, so a
 * command starts in well under a second. {@code --home} wins over all of them.
 */
final class CliConfiguration {
    private CliConfiguration() {}

    static LakehubProperties load(Path homeOverride) {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        LakehubProperties properties = Binder.get(environment)
                .bind("lakehub", Bindable.ofInstance(new LakehubProperties()))
                .orElseGet(LakehubProperties::new);
        if (homeOverride != null) {
            properties.setHome(homeOverride);
        }
        return properties;
    }
}

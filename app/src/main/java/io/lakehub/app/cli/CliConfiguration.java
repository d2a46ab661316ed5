package io.lakehub.app.cli;

import io.lakehub.app.config.LakehubProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The settings a CLI command runs with, from the sources {@code lakehub run} reads them from, in
 * Spring Boot's order: system properties, environment variables (e.g. {@code LAKEHUB_CATALOG_URL}),
 * then {@code config/application.properties|yml} and {@code application.properties|yml} in the
 * working directory; {@code --home} wins over all of them. Bound by Spring Boot's binder without
 * starting an application context, and without Spring Boot's full config-data machinery (which
 * scans every jar for factories and costs seconds at start-up). Profile-specific files are not
 * read.
 */
final class CliConfiguration {
    private CliConfiguration() {}

    static LakehubProperties load(Path homeOverride) {
        return load(Path.of(""), homeOverride, null);
    }

    /**
     * As {@link #load(Path)}, with the pipeline configuration file's {@code lakehub.*} settings
     * read too (between the environment and the application files, as {@code lakehub run} adds it
     * as an additional config location); {@code lakehub.config} then names that file.
     */
    static LakehubProperties loadWithConfig(Path homeOverride, Path configFile) {
        return load(Path.of(""), homeOverride, configFile);
    }

    /** As {@link #load(Path)}, with the settings files looked up in {@code workingDirectory}. */
    static LakehubProperties load(Path workingDirectory, Path homeOverride) {
        return load(workingDirectory, homeOverride, null);
    }

    /**
     * {@code lakehub.vector.*} for a command on a free home, from the same sources as {@link #load(Path)}
     * (system properties, the environment, the settings files in {@code workingDirectory}).
     */
    static io.lakehub.app.vector.VectorProperties loadVector(Path workingDirectory) {
        return Binder.get(environment(workingDirectory, null))
                .bind("lakehub.vector", Bindable.ofInstance(new io.lakehub.app.vector.VectorProperties()))
                .orElseGet(io.lakehub.app.vector.VectorProperties::new);
    }

    static LakehubProperties load(Path workingDirectory, Path homeOverride, Path configFile) {
        StandardEnvironment environment = environment(workingDirectory, configFile);
        LakehubProperties properties = Binder.get(environment)
                .bind("lakehub", Bindable.ofInstance(new LakehubProperties()))
                .orElseGet(LakehubProperties::new);
        if (homeOverride != null) {
            properties.setHome(homeOverride);
        }
        if (configFile != null) {
            properties.setConfig(configFile);
        }
        return properties;
    }

    private static StandardEnvironment environment(Path workingDirectory, Path configFile) {
        StandardEnvironment environment = new StandardEnvironment();
        if (configFile != null && Files.isRegularFile(workingDirectory.resolve(configFile))) {
            for (PropertySource<?> source : read(workingDirectory.resolve(configFile))) {
                environment.getPropertySources().addLast(source);
            }
        }
        for (String name : SettingsFiles.APPLICATION) {
            Path file = workingDirectory.resolve(name);
            if (Files.isRegularFile(file)) {
                for (PropertySource<?> source : read(file)) {
                    environment.getPropertySources().addLast(source);
                }
            }
        }
        return environment;
    }

    private static List<PropertySource<?>> read(Path file) {
        PropertySourceLoader loader = file.toString().endsWith(".properties")
                ? new PropertiesPropertySourceLoader()
                : new YamlPropertySourceLoader();
        try {
            return loader.load(file.toString(), new FileSystemResource(file));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read the settings in " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}

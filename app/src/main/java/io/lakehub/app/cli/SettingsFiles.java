package io.lakehub.app.cli;

import java.util.List;

/**
 * Where a command's settings may come from besides the command line, the environment and system
 * properties: for {@link CliConfiguration}, which reads them, and {@link SqlShortcut}, which leaves a
 * command to the full command line when one of them may set the home. java.base only.
 */
final class SettingsFiles {
    /** Spring Boot's application files in the working directory, in the order they are read. */
    static final List<String> APPLICATION = List.of(
            "config/application.properties",
            "config/application.yml",
            "config/application.yaml",
            "application.properties",
            "application.yml",
            "application.yaml");

    /**
     * The pipeline configuration read when neither {@code --config} nor {@code lakehub.config} names
     * one, relative to the working directory ({@code PipelineConfigLoader.DEFAULT_LOCATION}).
     */
    static final String DEFAULT_PIPELINE_CONFIG = "config/lakehub.yaml";

    private SettingsFiles() {}
}

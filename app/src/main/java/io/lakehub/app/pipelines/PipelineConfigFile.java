package io.lakehub.app.pipelines;

import io.lakehub.app.config.LakehubProperties;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the pipeline configuration is read from: {@code --config FILE} ({@code lakehub.config}),
 * else {@code config/lakehub.yaml} in the working directory when it exists, else nowhere (a hub
 * without pipelines).
 */
public final class PipelineConfigFile {

    /**
     * Keys the app accepts directly under {@code lakehub:} besides {@code pipelines}; the loader
     * refuses any other, so a misspelt setting in the pipeline file is not silently ignored.
     */
    public static final Set<String> APP_KEYS = Set.of(
            "home",
            "config",
            "configReloadInterval",
            "scheduler",
            "catalog",
            "inbox",
            "query",
            "ingest",
            "orphans",
            "maintenance",
            "kafka",
            "pii");

    private PipelineConfigFile() {}

    /** The file to read: the explicit one (which must then exist), else the default when it exists. */
    public static Optional<Path> locate(Path explicit) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return Files.isRegularFile(PipelineConfigLoader.DEFAULT_LOCATION)
                ? Optional.of(PipelineConfigLoader.DEFAULT_LOCATION)
                : Optional.empty();
    }

    public static Optional<Path> locate(LakehubProperties properties) {
        return locate(properties.getConfig());
    }

    /** A loader resolving placeholders from this process's environment, knowing the app's keys. */
    public static PipelineConfigLoader loader() {
        return loader(System.getenv());
    }

    static PipelineConfigLoader loader(Map<String, String> env) {
        return new PipelineConfigLoader(env, APP_KEYS);
    }

    /**
     * Reads and validates the configured file; an empty configuration when there is none.
     *
     * @throws io.lakehub.schedules.pipeline.PipelineConfigException listing every problem
     */
    public static PipelineConfig load(LakehubProperties properties) {
        return locate(properties)
                .map(file -> loader().load(file))
                .orElseGet(() -> new PipelineConfig("(no pipeline configuration)", List.of()));
    }
}

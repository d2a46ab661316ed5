package io.lakehub.schedules.pipeline;

import java.util.Objects;

/**
 * One vector index named by a pipeline's {@code embed:} key: refreshed after each commit the
 * pipeline makes. The index itself lives in the hub's catalog, so whether it exists is checked when
 * the hub starts (the loader only checks the name's form).
 *
 * <pre>
 * embed: { index: docs_idx }              # one index
 * embed: { index: [docs_idx, titles_idx] } # several
 * embed: [{ index: docs_idx }, { index: titles_idx }]
 * </pre>
 *
 * @param index the index's name
 * @param file the configuration file, as the user named it
 * @param line the 1-based line of the name
 * @param keyPath e.g. {@code lakehub.pipelines[0].embed.index}, for messages
 */
public record EmbedConfig(String index, String file, int line, String keyPath) {
    public EmbedConfig {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(keyPath, "keyPath");
    }

    /** A problem with this entry, printed as {@code file:line: key path: message}. */
    public ConfigProblem problem(String message) {
        return new ConfigProblem(file, line, keyPath, message);
    }
}

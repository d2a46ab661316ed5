package io.lakehub.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.schedules.pipeline.PipelineKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders docs/configuration.md from the metadata that spring-boot-configuration-processor writes
 * from {@link LakehubProperties}' Javadoc at compile time, so each setting is described once, in
 * the code. {@link ConfigurationReferenceTest} fails when the checked-in file differs; running it
 * with {@code -Dlakehub.docs.write=true} (or this class's {@code main}) rewrites the file.
 */
public final class ConfigurationReference {
    static final String HEADER = """
            # Configuration reference

            <!-- Generated from the Javadoc of io.lakehub.app.config.LakehubProperties and the table in
                 io.lakehub.schedules.pipeline.PipelineKey; do not edit by hand.
                 Regenerate: ./mvnw -B -ntp -pl app -am verify -Dtest=ConfigurationReferenceTest \\
                   -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dlakehub.docs.write=true -->

            Every setting is a Spring Boot property: put it in `application.properties` (or `.yml`) in the
            working directory or its `config/` folder, pass it to `lakehub run -- --lakehub.query.max-rows=500`,
            or set an environment variable (`lakehub.catalog.url` becomes `LAKEHUB_CATALOG_URL`). CLI commands
            read the same files and variables; `--home` overrides `lakehub.home`. Durations take a unit:
            `500ms`, `10s`, `5m`, `1h`; data sizes too: `512MB`, `2GB`.
            """;

    private ConfigurationReference() {}

    public static void main(String[] args) throws IOException {
        Path target = args.length > 0 ? Path.of(args[0]) : defaultTarget();
        Files.writeString(target, render(compiledMetadata()), StandardCharsets.UTF_8);
    }

    /** docs/configuration.md at the repository root (tests run in the app module's folder). */
    static Path defaultTarget() {
        return Path.of("..", "docs", "configuration.md").toAbsolutePath().normalize();
    }

    /** The metadata compiled with this module's classes (not another jar's file of the same name). */
    static JsonNode compiledMetadata() throws IOException {
        try {
            Path classes = Path.of(LakehubProperties.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            try (InputStream in =
                    Files.newInputStream(classes.resolve("META-INF/spring-configuration-metadata.json"))) {
                return new ObjectMapper().readTree(in);
            }
        } catch (URISyntaxException e) {
            throw new IOException("Cannot locate the compiled classes of LakehubProperties", e);
        }
    }

    static String render(JsonNode metadata) {
        Map<String, String> groups = new LinkedHashMap<>();
        metadata.path("groups").forEach(g -> groups.put(g.path("name").asText(), text(g.path("description"))));
        List<JsonNode> properties = new ArrayList<>();
        metadata.path("properties").forEach(properties::add);
        properties.sort(Comparator.comparing(p -> p.path("name").asText()));

        StringBuilder md = new StringBuilder(HEADER);
        groups.keySet().stream().sorted().forEach(group -> {
            List<JsonNode> members = properties.stream()
                    // A class used by several groups (one JobSettings per maintenance job) lists under each only its
                    // own keys.
                    .filter(p -> p.path("sourceType").asText().equals(sourceTypeOf(metadata, group))
                            && p.path("name").asText().startsWith(group + "."))
                    .toList();
            if (members.isEmpty()) {
                return;
            }
            md.append("\n## `").append(group).append("`\n\n");
            String description = groups.get(group);
            if (!description.isEmpty()) {
                md.append(description).append("\n\n");
            }
            md.append("| Key | Type | Default | Description |\n");
            md.append("|---|---|---|---|\n");
            for (JsonNode p : members) {
                md.append("| `")
                        .append(p.path("name").asText())
                        .append("` | ")
                        .append(type(p.path("type").asText()))
                        .append(" | ")
                        .append(defaultValue(p.path("defaultValue")))
                        .append(" | ")
                        .append(cell(text(p.path("description"))))
                        .append(" |\n");
            }
        });
        renderPipelineKeys(md);
        return md.toString();
    }

    /** The pipeline keys, from the table the loader itself uses ({@link PipelineKey}). */
    private static void renderPipelineKeys(StringBuilder md) {
        md.append("\n## `lakehub.pipelines[]`\n\n");
        md.append("The pipelines, a list in the pipeline configuration file (`config/lakehub.yaml` or `--config")
                .append(" FILE`); see docs/pipelines.md. Each entry takes these keys (`onError`, `on-error` and")
                .append(" `on_error` are the same key). Values may use `${NAME}` or `${NAME:default}` environment")
                .append(" placeholders.\n\n");
        md.append("| Key | Default | Example | Description |\n");
        md.append("|---|---|---|---|\n");
        for (PipelineKey key : PipelineKey.values()) {
            md.append("| `")
                    .append(key.path())
                    .append("` | ")
                    .append(
                            key.defaultValue() == null
                                    ? (key.required() ? "required" : "(none)")
                                    : cell(key.defaultValue()))
                    .append(" | `")
                    .append(cell(key.example()))
                    .append("` | ")
                    .append(cell(key.description()))
                    .append(" |\n");
        }
    }

    private static String sourceTypeOf(JsonNode metadata, String group) {
        for (JsonNode g : metadata.path("groups")) {
            if (g.path("name").asText().equals(group)) {
                return g.path("type").asText();
            }
        }
        return "";
    }

    private static String type(String javaType) {
        return switch (javaType) {
            case "java.lang.String" -> "string";
            case "java.lang.Integer", "int" -> "integer";
            case "java.lang.Long", "long" -> "long";
            case "java.lang.Boolean", "boolean" -> "boolean";
            case "java.time.Duration" -> "duration";
            case "org.springframework.util.unit.DataSize" -> "data size";
            case "java.nio.file.Path" -> "path";
            default -> "`" + javaType + "`";
        };
    }

    private static String defaultValue(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return "(none)";
        }
        String text = value.asText();
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    /** Javadoc inline tags as Markdown: {@code x} and {@literal x} become `x`, {@link X} becomes X. */
    private static String text(JsonNode description) {
        String text = description.isMissingNode() || description.isNull() ? "" : description.asText();
        return text.replaceAll("\\{@(?:code|literal) ([^}]*)}", "`$1`")
                .replaceAll("\\{@link(?:plain)? ([^}]*)}", "$1")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}

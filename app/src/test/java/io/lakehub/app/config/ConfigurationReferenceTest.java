package io.lakehub.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from LakehubProperties' Javadoc and must not drift from it. */
class ConfigurationReferenceTest {

    @Test
    void checkedInReferenceMatchesTheJavadoc() throws Exception {
        String rendered = ConfigurationReference.render(ConfigurationReference.compiledMetadata());
        Path doc = ConfigurationReference.defaultTarget();
        if (Boolean.getBoolean("lakehub.docs.write")) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
        }
        assertThat(doc).exists();
        assertThat(Files.readString(doc, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: rerun this test with -Dlakehub.docs.write=true")
                .isEqualTo(rendered);
    }

    @Test
    void everySettingHasADescriptionAndIsInTheReference() throws Exception {
        JsonNode metadata = ConfigurationReference.compiledMetadata();
        String rendered = ConfigurationReference.render(metadata);
        List<String> undocumented = new ArrayList<>();
        metadata.path("properties").forEach(p -> {
            String name = p.path("name").asText();
            if (p.path("description").asText("").isBlank()) {
                undocumented.add(name);
            }
            assertThat(rendered).contains("`" + name + "`");
        });
        assertThat(undocumented).as("settings without Javadoc").isEmpty();
        assertThat(metadata.path("properties").size()).isGreaterThanOrEqualTo(15);
    }

    @Test
    void rendersJavadocTagsAsMarkdownAndEscapesTableBars() {
        JsonNode metadata = new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(java.util.Map.of(
                        "groups",
                        List.of(java.util.Map.of("name", "lakehub.x", "type", "X", "description", "The {@code x}.")),
                        "properties",
                        List.of(java.util.Map.of(
                                "name", "lakehub.x.a",
                                "type", "java.time.Duration",
                                "sourceType", "X",
                                "defaultValue", "10s",
                                "description", "Wait {@code a|b} for {@link Foo}."))));

        String md = ConfigurationReference.render(metadata);

        assertThat(md)
                .contains("## `lakehub.x`\n\nThe `x`.")
                .contains("| `lakehub.x.a` | duration | `10s` | Wait `a\\|b` for Foo. |");
    }
}

package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A pipeline's {@code embed:} key: the vector indexes refreshed after its commits. */
class EmbedConfigTest {
    private static final String FILE = "config/lakehub.yaml";
    private final PipelineConfigLoader loader = new PipelineConfigLoader(Map.of("INDEX", "env_idx"));

    /** A valid pipeline at lines 3-5, {@code embed:} at line 6. */
    private static String withEmbed(String embed) {
        return """
                lakehub:
                  pipelines:
                    - id: people
                      from: "file:inbox/people"
                      into: people
                      embed: %s
                """.formatted(embed);
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }

    private List<EmbedConfig> embed(String embed) {
        return loader.parse(withEmbed(embed), FILE)
                .pipeline("people")
                .orElseThrow()
                .embed();
    }

    @Test
    void oneIndexSeveralOrAListOfMappingsAreRead() {
        assertThat(embed("{ index: docs_idx }"))
                .containsExactly(new EmbedConfig("docs_idx", FILE, 6, "lakehub.pipelines[0].embed.index"));
        assertThat(embed("{ index: [docs_idx, \"${INDEX}\"] }"))
                .extracting(EmbedConfig::index, EmbedConfig::keyPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("docs_idx", "lakehub.pipelines[0].embed.index[0]"),
                        org.assertj.core.groups.Tuple.tuple("env_idx", "lakehub.pipelines[0].embed.index[1]"));
        assertThat(embed("[{ index: a_idx }, { index: b_idx }]"))
                .extracting(EmbedConfig::index, EmbedConfig::keyPath)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a_idx", "lakehub.pipelines[0].embed[0].index"),
                        org.assertj.core.groups.Tuple.tuple("b_idx", "lakehub.pipelines[0].embed[1].index"));
        assertThat(loader.parse(withEmbed("[]"), FILE)
                        .pipeline("people")
                        .orElseThrow()
                        .embed())
                .isEmpty();
    }

    @Test
    void badEmbedKeysAreRefusedNamingFileLineAndKey() {
        assertThat(problems(withEmbed("docs_idx")))
                .containsExactly(FILE + ":6: lakehub.pipelines[0].embed: expected { index: NAME }, { index: [A, B] }"
                        + " or a list of { index: NAME }");
        assertThat(problems(withEmbed("{ indx: docs_idx }")))
                .anySatisfy(p -> assertThat(p)
                        .startsWith(FILE + ":6: lakehub.pipelines[0].embed.indx: unknown key 'indx' (did you mean"
                                + " 'index'?)"))
                .anySatisfy(p -> assertThat(p).contains("missing required key 'index'"));
        assertThat(problems(withEmbed("{ index: Docs-Idx }")))
                .containsExactly(FILE + ":6: lakehub.pipelines[0].embed.index: 'Docs-Idx' is not a vector index"
                        + " name ([a-z][a-z0-9_]{0,62})");
        assertThat(problems(withEmbed("{ index: [a_idx, a_idx] }")))
                .containsExactly(
                        FILE + ":6: lakehub.pipelines[0].embed.index[1]: vector index 'a_idx' is listed" + " twice");
    }
}

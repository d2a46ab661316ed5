package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key table is what the loader accepts, in the order its messages list the keys. */
class PipelineKeyTest {

    @Test
    void keysUnderEachLevelAreTheLoadersKnownKeys() {
        assertThat(PipelineKey.keysUnder(""))
                .containsExactly(
                        "id",
                        "from",
                        "format",
                        "into",
                        "mode",
                        "key",
                        "schedule",
                        "timezone",
                        "misfire",
                        "trigger",
                        "onError",
                        "steps",
                        "jdbc",
                        "deleted",
                        "on_bad_rows",
                        "max_bad_rows",
                        "cdc",
                        "pii",
                        "embed",
                        "webhook");
        assertThat(PipelineKey.keysUnder("embed")).containsExactly("index");
        assertThat(PipelineKey.keysUnder("pii")).containsExactly("scan", "policies");
        assertThat(PipelineKey.keysUnder("trigger")).containsExactly("secret");
        assertThat(PipelineKey.keysUnder("webhook")).containsExactly("secret");
        assertThat(PipelineKey.keysUnder("onError")).containsExactly("retries", "backoff", "deadLetter");
        assertThat(PipelineKey.keysUnder("steps"))
                .containsExactly("drop-columns", "rename-columns", "class", "options", "processor", "name");
        assertThat(PipelineKey.keysUnder("jdbc"))
                .containsExactly(
                        "url", "user", "password", "table", "query", "cursor", "key", "lag", "pageSize", "fetchSize");
        assertThat(PipelineKey.keysUnder("deleted")).containsExactly("column", "compare-keys");
        assertThat(PipelineKey.keysUnder("cdc"))
                .containsExactly("url", "user", "password", "tables", "slot", "publication");
    }

    @Test
    void everyKeyHasADescriptionAndAnExample() {
        for (PipelineKey key : PipelineKey.values()) {
            assertThat(key.description()).as(key.path()).isNotBlank();
            assertThat(key.example()).as(key.path()).isNotBlank();
        }
    }
}

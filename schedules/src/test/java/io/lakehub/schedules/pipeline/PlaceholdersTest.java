package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(Map.of("HOST", "db.local", "PORT", "5432"));

    @Test
    void resolvesVariablesAndDefaults() {
        assertThat(placeholders.resolve("jdbc://${HOST}:${PORT}/x").value()).isEqualTo("jdbc://db.local:5432/x");
        assertThat(placeholders.resolve("${USER:lakehub}@${HOST}").value()).isEqualTo("lakehub@db.local");
        assertThat(placeholders.resolve("${HOST:other}").value()).isEqualTo("db.local");
        assertThat(placeholders.resolve("no placeholders").value()).isEqualTo("no placeholders");
    }

    @Test
    void reportsMissingVariablesByNameAndUnclosedPlaceholders() {
        assertThat(placeholders.resolve("${HOST}/${MISSING}").problems())
                .containsExactly("environment variable MISSING is not set (used as ${MISSING})");
        assertThat(placeholders.resolve("x${HOST").problems())
                .containsExactly("a '${' placeholder is not closed with '}'");
        assertThat(placeholders.resolve("${}").problems()).hasSize(1);
    }

    @Test
    void recognisesASoleVariable() {
        assertThat(Placeholders.soleVariable("${PEOPLE_TRIGGER_SECRET}")).isEqualTo("PEOPLE_TRIGGER_SECRET");
        assertThat(Placeholders.soleVariable("${A:default}")).isNull();
        assertThat(Placeholders.soleVariable("x${A}")).isNull();
        assertThat(Placeholders.soleVariable("literal")).isNull();
    }

    @Test
    void parsesSpringStyleDurations() {
        assertThat(List.of("500ms", "2s", "5m", "1h", "1d", "250", "PT2S", " 3 s "))
                .extracting(Durations::parse)
                .containsExactly(
                        Duration.ofMillis(500),
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        Duration.ofDays(1),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(3));
        assertThat(Durations.parse("soon")).isNull();
        assertThat(Durations.parse("-1s")).isNull();
    }

    @Test
    void suggestsOnlyCloseKeys() {
        List<String> known = List.of("schedule", "timezone", "deadLetter");
        assertThat(KeySuggestions.closest("shedule", known)).isEqualTo("schedule");
        assertThat(KeySuggestions.closest("dead-letter", known)).isEqualTo("deadLetter");
        assertThat(KeySuggestions.closest("time_zone", known)).isEqualTo("timezone");
        assertThat(KeySuggestions.closest("colour", known)).isNull();
    }
}

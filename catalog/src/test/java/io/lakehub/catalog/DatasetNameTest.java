package io.lakehub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"people", "a", "orders_2024", "x1_y2", "lakehub"})
    void acceptsLowerCaseIdentifiers(String name) {
        assertThat(DatasetName.of(name).value()).isEqualTo(name);
        assertThat(DatasetName.isValid(name)).isTrue();
    }

    @Test
    void acceptsSixtyThreeCharactersButNotSixtyFour() {
        String max = "a" + "b".repeat(62);
        assertThat(DatasetName.of(max).value()).hasSize(63);
        assertThat(DatasetName.isValid(max + "c")).isFalse();
        assertThatThrownBy(() -> DatasetName.of(max + "c"))
                .isInstanceOf(InvalidDatasetNameException.class)
                .hasMessageContaining("up to 62");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a\"b", "Upper", "", "1abc", "_x", "a b", "a-b", "a/b", "a.b", "people;drop", "ä"})
    void refusesAnythingThatIsNotASafeFolderAndViewName(String name) {
        assertThat(DatasetName.isValid(name)).isFalse();
        assertThatThrownBy(() -> DatasetName.of(name))
                .isInstanceOf(InvalidDatasetNameException.class)
                .hasMessageContaining("Invalid dataset name")
                .hasMessageContaining("[a-z][a-z0-9_]{0,62}");
    }

    @Test
    void refusesNamesReservedForTheHub() {
        assertThatThrownBy(() -> DatasetName.of("lakehub_x"))
                .isInstanceOf(InvalidDatasetNameException.class)
                .hasMessageContaining("reserved");
        assertThat(DatasetName.isValid("lakehub_audit")).isFalse();
    }

    @Test
    void refusesNullAndShowsControlCharactersEscaped() {
        assertThatThrownBy(() -> DatasetName.of(null)).hasMessageContaining("(none)");
        assertThatThrownBy(() -> DatasetName.of("a\nb")).hasMessageContaining("'a\\u000ab'");
    }

    @Test
    void ordersAndPrintsByValue() {
        assertThat(DatasetName.of("b")).isGreaterThan(DatasetName.of("a"));
        assertThat(DatasetName.of("people")).hasToString("people").isEqualTo(DatasetName.of("people"));
    }
}

package io.lakehub.processors.read.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTypesTest {
    @ParameterizedTest
    @CsvSource({
        "INT, BIGINT, BIGINT",
        "INT, DOUBLE, DOUBLE",
        "BIGINT, DOUBLE, DOUBLE",
        "DATE, TIMESTAMP, TIMESTAMP",
        "JSON, INT, JSON",
        "STRING, JSON, JSON",
        "BOOLEAN, INT, STRING",
        "DATE, INT, STRING",
        "DOUBLE, STRING, STRING",
        "BOOLEAN, BOOLEAN, BOOLEAN"
    })
    void unionIsSymmetric(LakeType a, LakeType b, LakeType expected) {
        assertThat(JsonTypes.union(a, b)).isEqualTo(expected);
        assertThat(JsonTypes.union(b, a)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "+42", "9223372036854775807", "-9223372036854775808"})
    void parsesLongs(String s) {
        assertThat(JsonTypes.parseLong(s)).isEqualTo(Long.parseLong(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "1.0", "9223372036854775808", "-9223372036854775809", "12a", " 1"})
    void rejectsNonLongs(String s) {
        assertThat(JsonTypes.parseLong(s)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "-1.5", "1e3", "2.5E-3", ".5", "5."})
    void parsesDecimals(String s) {
        assertThat(JsonTypes.parseDouble(s)).isEqualTo(Double.parseDouble(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "NaN", "Infinity", "1e", "1e400", "0x10", "1f", "1,5"})
    void rejectsNonDecimals(String s) {
        assertThat(JsonTypes.parseDouble(s)).isNull();
    }
}

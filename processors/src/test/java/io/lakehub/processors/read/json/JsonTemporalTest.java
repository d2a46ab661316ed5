package io.lakehub.processors.read.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTemporalTest {
    @ParameterizedTest
    @CsvSource({
        "2024-02-29, DATE",
        "0001-01-01, DATE",
        "2023-02-29, STRING",
        "2024-13-01, STRING",
        "2024-1-01, STRING",
        "2024-01-02T03:04:05, TIMESTAMP",
        "2024-01-02 03:04:05, TIMESTAMP",
        "2024-01-02T03:04:05Z, TIMESTAMP",
        "2024-01-02T03:04:05.1, TIMESTAMP",
        "2024-01-02T03:04:05.123456789+05:30, TIMESTAMP",
        "2024-01-02T03:04:05.1234567890, STRING",
        "2024-01-02T03:04, STRING",
        "2024-01-02T24:00:00, STRING",
        "2024-01-02T03:04:05+0530, STRING",
        "2024-01-02X03:04:05, STRING",
        "01234, STRING",
        "true, STRING"
    })
    void classifiesTheShapesCsvInferenceAccepts(String text, LakeType expected) {
        assertThat(JsonTemporal.classify(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-01-02T03:04:05Z",
                "2024-01-02T03:04:05.5Z",
                "2024-01-02T03:04:05.123456Z",
                "1969-12-31T23:59:59.999999Z",
                "2024-01-02T03:04:05.123456789Z"
            })
    void timestampsMatchJavaTime(String text) {
        Instant i = Instant.parse(text);
        long expected = Math.floorDiv(i.getEpochSecond() * 1_000_000_000L + i.getNano(), 1000L);
        assertThat(JsonTemporal.parseTimestamp(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-02T03:04:05+02:00, 2024-01-02T01:04:05Z",
        "2024-01-02 03:04:05-01:30, 2024-01-02T04:34:05Z",
        "2024-01-02T03:04:05, 2024-01-02T03:04:05Z",
        "2024-01-02, 2024-01-02T00:00:00Z"
    })
    void offsetsAreNormalisedToUtcAndNoZoneMeansUtc(String text, String utc) {
        assertThat(JsonTemporal.parseTimestamp(text))
                .isEqualTo(Instant.parse(utc).getEpochSecond() * 1_000_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "1900-03-01", "1969-12-31", "9999-12-31"})
    void datesMatchJavaTime(String text) {
        assertThat(JsonTemporal.parseDate(text))
                .isEqualTo((int) LocalDate.parse(text).toEpochDay());
    }
}

package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.schema.LakeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypeInferenceTest {

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            true                          | BOOLEAN
            FALSE                         | BOOLEAN
            tRuE                          | BOOLEAN
            yes                           | STRING
            0                             | INT
            -0                            | INT
            42                            | INT
            +42                           | INT
            -2147483648                   | INT
            2147483647                    | INT
            2147483648                    | BIGINT
            -2147483649                   | BIGINT
            9223372036854775807           | BIGINT
            -9223372036854775808          | BIGINT
            9223372036854775808           | STRING
            123456789012345678901234      | STRING
            007                           | STRING
            01234                         | STRING
            1.5                           | DOUBLE
            -0.25                         | DOUBLE
            .5                            | DOUBLE
            1e10                          | DOUBLE
            -1.5E-7                       | DOUBLE
            6.02e+23                      | DOUBLE
            1e400                         | STRING
            NaN                           | STRING
            Infinity                      | STRING
            1.2.3                         | STRING
            1e                            | STRING
            1d                            | STRING
            -                             | STRING
            .                             | STRING
            00.5                          | STRING
            2024-02-29                    | DATE
            2023-02-29                    | STRING
            2024-13-01                    | STRING
            2024-1-01                     | STRING
            2024-01-15T10:20:30           | TIMESTAMP
            2024-01-15 10:20:30           | TIMESTAMP
            2024-01-15T10:20:30Z          | TIMESTAMP
            2024-01-15T10:20:30.123456Z   | TIMESTAMP
            2024-01-15T10:20:30.1+02:00   | TIMESTAMP
            2024-01-15T10:20:30-0530      | TIMESTAMP
            2024-01-15T24:00:00           | STRING
            2024-01-15T10:20:60           | STRING
            2024-01-15T10:20              | STRING
            2024-01-15T10:20:30.          | STRING
            2024-01-15T10:20:30+2         | STRING
            2024-01-15X10:20:30           | STRING
            ' 42'                         | STRING
            hello                         | STRING
            """)
    void narrowestTypeOfOneValue(String value, LakeType expected) {
        assertThat(TypeInference.narrowest(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(textBlock = """
            INT,       INT,       INT
            INT,       BIGINT,    BIGINT
            BIGINT,    INT,       BIGINT
            INT,       DOUBLE,    DOUBLE
            BIGINT,    DOUBLE,    DOUBLE
            DATE,      TIMESTAMP, TIMESTAMP
            TIMESTAMP, DATE,      TIMESTAMP
            DATE,      INT,       STRING
            BOOLEAN,   INT,       STRING
            DOUBLE,    TIMESTAMP, STRING
            STRING,    INT,       STRING
            """)
    void unionOfTwoTypes(LakeType a, LakeType b, LakeType expected) {
        assertThat(TypeInference.union(a, b)).isEqualTo(expected);
        assertThat(TypeInference.union(b, a)).isEqualTo(expected);
    }

    @Test
    void columnGuessIgnoresNullsAndWidens() {
        TypeInference.ColumnGuess guess = new TypeInference.ColumnGuess();
        assertThat(guess.type()).isEqualTo(LakeType.STRING);
        guess.accept((String) null);
        guess.accept("");
        assertThat(guess.sawValue()).isFalse();
        guess.accept("1");
        assertThat(guess.type()).isEqualTo(LakeType.INT);
        guess.accept("5000000000");
        assertThat(guess.type()).isEqualTo(LakeType.BIGINT);
        guess.accept("2.5");
        assertThat(guess.type()).isEqualTo(LakeType.DOUBLE);
        guess.accept("x");
        assertThat(guess.type()).isEqualTo(LakeType.STRING);
        guess.accept("7");
        assertThat(guess.type()).isEqualTo(LakeType.STRING);
    }

    @Test
    void parsesTimestampsToUtcMicros() {
        assertThat(micros("2024-01-15T10:20:30Z")).isEqualTo(micros(Instant.parse("2024-01-15T10:20:30Z")));
        assertThat(micros("2024-01-15 10:20:30")).isEqualTo(micros(Instant.parse("2024-01-15T10:20:30Z")));
        assertThat(micros("2024-01-15T10:20:30.5+02:00")).isEqualTo(micros(Instant.parse("2024-01-15T08:20:30.5Z")));
        assertThat(micros("2024-01-15T10:20:30.1234567-0130"))
                .isEqualTo(micros(Instant.parse("2024-01-15T11:50:30.123456Z")));
        assertThat(micros("1969-12-31T23:59:59.999999Z")).isEqualTo(-1);
        assertThat(micros("2024-01-15")).isEqualTo(micros(Instant.parse("2024-01-15T00:00:00Z")));
        assertThat(micros("2024-01-15T10:20")).isEqualTo(TypeInference.INVALID);
    }

    @Test
    void datesMatchJavaTimeAcrossTheCalendar() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            LocalDate d = LocalDate.ofEpochDay(random.nextInt(-719_162, 2_932_896)); // 0001-01-01 .. 9999-12-31
            char[] text = d.toString().toCharArray();
            assertThat(TypeInference.parseDate(text, 0, text.length))
                    .as(d.toString())
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void parsesNumbersExactlyAsJavaDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 3) {
                case 0 -> random.nextDouble() * 1e6;
                case 1 -> Math.round(random.nextGaussian() * 1e6) / 100.0;
                default -> random.nextLong() * 1e-300;
            };
            char[] text = Double.toString(v).toCharArray();
            assertThat(TypeInference.parseDouble(text, 0, text.length)).isEqualTo(v);
        }
        char[] min = "-9223372036854775808".toCharArray();
        assertThat(TypeInference.parseLong(min, 0, min.length)).isEqualTo(Long.MIN_VALUE);
        assertThat(TypeInference.isLong(min, 0, min.length)).isTrue();
        char[] notLong = "12a".toCharArray();
        assertThat(TypeInference.isLong(notLong, 0, notLong.length)).isFalse();
        assertThat(TypeInference.parseInt(notLong, 0, notLong.length)).isEqualTo(TypeInference.INVALID);
        char[] big = "2147483648".toCharArray();
        assertThat(TypeInference.parseInt(big, 0, big.length)).isEqualTo(TypeInference.INVALID);
        assertThat(TypeInference.parseLong(big, 0, big.length)).isEqualTo(2147483648L);
        char[] intText = "-17".toCharArray();
        assertThat(TypeInference.parseDouble(intText, 0, intText.length)).isEqualTo(-17.0);
        char[] inf = "1e999".toCharArray();
        assertThat(TypeInference.parseDouble(inf, 0, inf.length)).isNaN();
    }

    private static long micros(String text) {
        return TypeInference.parseTimestampMicros(text.toCharArray(), 0, text.length());
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}

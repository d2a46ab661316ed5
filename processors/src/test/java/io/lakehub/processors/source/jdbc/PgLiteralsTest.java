package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The literals the COPY pages are written with; PgLiteralsIT reads them back on PostgreSQL. */
class PgLiteralsTest {

    @Test
    void aStringEscapesOnlyQuoteAndBackslashInsideAnEscapeString() {
        assertThat(PgLiterals.literal("it's")).isEqualTo("E'it''s'");
        assertThat(PgLiterals.literal("a\\'b")).isEqualTo("E'a\\\\''b'");
        assertThat(PgLiterals.literal("x'); DROP TABLE t; --")).isEqualTo("E'x''); DROP TABLE t; --'");
        assertThat(PgLiterals.literal("Zoë 🙂 \n$$")).isEqualTo("E'Zoë 🙂 \n$$'");
    }

    @Test
    void aStringCannotEndItsLiteralEarly() {
        // Whatever the input, the literal's body holds no lone quote and no backslash that escapes one.
        for (String hostile : new String[] {"'", "\\'", "\\", "''", "\\\\'", "'\\", "a'||'b"}) {
            String body = PgLiterals.literal(hostile);
            body = body.substring(2, body.length() - 1);
            String stripped = body.replace("\\\\", "").replace("''", "");
            assertThat(stripped).doesNotContain("'").doesNotContain("\\");
        }
    }

    @Test
    void nulIsRefusedNotDropped() {
        assertThatThrownBy(() -> PgLiterals.literal("a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void numbersAreTypedAndExact() {
        assertThat(PgLiterals.literal(-42L)).isEqualTo("(-42)::int8");
        assertThat(PgLiterals.literal(new BigDecimal("-1E+3"))).isEqualTo("(-1000)::numeric");
        assertThat(PgLiterals.literal(new BigDecimal("0.000000012300"))).isEqualTo("(0.000000012300)::numeric");
        assertThat(PgLiterals.literal(0.1d)).isEqualTo("'0.1'::float8");
        assertThat(PgLiterals.literal(Double.NaN)).isEqualTo("'NaN'::float8");
        assertThat(PgLiterals.literal(Double.NEGATIVE_INFINITY)).isEqualTo("'-Infinity'::float8");
        assertThat(PgLiterals.literal(true)).isEqualTo("TRUE");
        assertThat(PgLiterals.literal(null)).isEqualTo("NULL");
    }

    @Test
    void datesAndTimesHaveAFixedFormatWithMicrosecondsAndEras() {
        assertThat(PgLiterals.literal(OffsetDateTime.parse("2026-01-01T12:00:00.000001+02:00")))
                .isEqualTo("'2026-01-01 10:00:00.000001+00'::timestamptz");
        assertThat(PgLiterals.literal(LocalDateTime.parse("0000-12-31T23:59:59")))
                .isEqualTo("'0001-12-31 23:59:59.000000 BC'::timestamp");
        assertThat(PgLiterals.literal(LocalDate.of(12345, 6, 7))).isEqualTo("'12345-06-07'::date");
        assertThat(PgLiterals.literal(LocalTime.of(13, 45))).isEqualTo("'13:45:00.000000'::time");
        assertThat(PgLiterals.literal(LocalTime.MAX)).isEqualTo("'24:00:00'::time");
        assertThat(PgLiterals.literal(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")))
                .isEqualTo("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid");
    }
}

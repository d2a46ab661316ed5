package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every literal reads back on the real PostgreSQL as exactly the value it was made from, whatever
 * {@code standard_conforming_strings} is: hostile strings stay one value, nothing else runs.
 */
class PgLiteralsIT {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    static final List<String> HOSTILE = List.of(
            "plain",
            "it's",
            "''",
            "\\",
            "\\'",
            "'\\",
            "a\\'; DROP TABLE pgliterals_it_canary; --",
            "x'); DROP TABLE pgliterals_it_canary; --",
            "$$; DROP TABLE pgliterals_it_canary; $$",
            "E'\\x41'",
            "\\x41\\n\\t\\u0041",
            "Zoë ünïcödé 日本語 🙂 \u200b",
            "line\nbreak\ttab\r",
            "");

    @Test
    void hostileStringsReadBackExactlyUnderBothStringSettings() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pgliterals_it_canary");
            s.execute("CREATE TABLE pgliterals_it_canary (x int)");
            for (String setting : List.of("on", "off")) {
                s.execute("SET standard_conforming_strings = " + setting);
                s.execute("SET escape_string_warning = off");
                for (String v : HOSTILE) {
                    try (ResultSet rs = s.executeQuery("SELECT " + PgLiterals.literal(v) + ", 1")) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getString(1)).as("under %s", setting).isEqualTo(v);
                        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
            s.execute("RESET standard_conforming_strings");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pgliterals_it_canary")) {
                assertThat(rs.next()).isTrue(); // the table is still there
            }
            s.execute("DROP TABLE pgliterals_it_canary");
        }
    }

    @Test
    void typedValuesReadBackExactly() throws SQLException {
        List<Object> values = List.of(
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                new BigDecimal("-12345678901234567890.0123456789"),
                new BigDecimal("0.000"),
                0.1d,
                -1.5e300,
                Double.MIN_VALUE,
                true,
                LocalDate.of(2024, 2, 29),
                LocalDate.of(-44, 3, 15),
                LocalDate.of(12345, 1, 1),
                LocalTime.parse("23:59:59.999999"),
                LocalTime.MAX, // 24:00:00
                LocalDateTime.parse("1965-03-04T05:06:07.000008"),
                LocalDateTime.parse("0000-06-01T00:00:00.5"),
                OffsetDateTime.parse("2024-02-29T23:59:59.123456+02:00"),
                UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'America/Sao_Paulo'"); // the literal names its offset; the zone plays no part
            for (Object v : values) {
                try (ResultSet rs = s.executeQuery("SELECT " + PgLiterals.literal(v))) {
                    rs.next();
                    Object back = switch (v) {
                        case Long l -> rs.getLong(1);
                        case BigDecimal d -> rs.getBigDecimal(1);
                        case Double d -> rs.getDouble(1);
                        case Boolean b -> rs.getBoolean(1);
                        case LocalDate d -> rs.getObject(1, LocalDate.class);
                        case LocalTime t -> rs.getObject(1, LocalTime.class);
                        case LocalDateTime t -> rs.getObject(1, LocalDateTime.class);
                        case OffsetDateTime t -> rs.getObject(1, OffsetDateTime.class);
                        case UUID u -> rs.getObject(1, UUID.class);
                        default -> throw new IllegalStateException();
                    };
                    if (v instanceof OffsetDateTime t) {
                        assertThat(back).isEqualTo(t.withOffsetSameInstant(ZoneOffset.UTC));
                    } else {
                        assertThat(back).as(PgLiterals.literal(v)).isEqualTo(v);
                    }
                }
            }
        }
    }
}

package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The poller on MariaDB (default {@code 127.0.0.1:3306/test}, user {@code root}; override with
 * {@code -Dlakehub.it.mariadb.url}).
 */
class JdbcSourceMariaDbIT extends JdbcSourceContract {

    @Override
    String url() {
        return System.getProperty("lakehub.it.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/test");
    }

    @Override
    String user() {
        return "root";
    }

    @Override
    String instantType() {
        return "TIMESTAMP(6)";
    }

    @Override
    String nowMinus(int seconds) {
        return "NOW(6) - INTERVAL " + seconds + " SECOND";
    }

    @Test
    void everyTypeMapsIncludingNulls() throws SQLException {
        exec("CREATE TABLE jdbc_it_types (id INT PRIMARY KEY, ti TINYINT, s SMALLINT, m MEDIUMINT, i INT,"
                + " iu INT UNSIGNED, b BIGINT, bu BIGINT UNSIGNED, n DECIMAL(10,2), f FLOAT, d DOUBLE,"
                + " flag TINYINT(1), bit1 BIT(1), day DATE, tm TIME(6), dt DATETIME(6), at TIMESTAMP(6) NULL,"
                + " u UUID, j JSON, t TEXT, v VARCHAR(10), c CHAR(3), bl BLOB, vb VARBINARY(8),"
                + " e ENUM('happy', 'sad'), y YEAR)");
        exec("INSERT INTO jdbc_it_types VALUES (1, -1, -2, 3, 4, 4294967295, 9007199254740993,"
                + " 18446744073709551615, 12345678.91, 1.5, 2.25, 1, b'1', '2024-02-29', '23:59:58.123456',"
                + " '2024-02-29 12:34:56.654321', '2024-02-29 10:34:56.123456', '6f1c1d1e-0000-4000-8000-00000000abcd',"
                + " '{\"a\": [1, 2]}', 'tëxt', 'var', 'ab', x'00ff', x'01', 'sad', 2024)");
        exec("INSERT INTO jdbc_it_types (id) VALUES (2)");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "int");
        expected.put("ti", "int");
        expected.put("s", "int");
        expected.put("m", "int");
        expected.put("i", "int");
        expected.put("iu", "bigint");
        expected.put("b", "bigint");
        expected.put("bu", "decimal(20,0)");
        expected.put("n", "decimal(10,2)");
        expected.put("f", "double");
        expected.put("d", "double");
        expected.put("flag", "boolean");
        expected.put("bit1", "boolean");
        expected.put("day", "date");
        expected.put("tm", "time");
        expected.put("dt", "timestamp_ntz");
        expected.put("at", "timestamp");
        expected.put("u", "uuid");
        expected.put("j", "json");
        expected.put("t", "string");
        expected.put("v", "string");
        expected.put("c", "string");
        expected.put("bl", "binary");
        expected.put("vb", "binary");
        expected.put("e", "string");
        expected.put("y", "int");

        List<List<Object>> rows = readTypes(expected);

        List<Object> r = rows.get(0);
        assertThat(r.subList(0, 14))
                .containsExactly(
                        1,
                        -1,
                        -2,
                        3,
                        4,
                        4294967295L,
                        9007199254740993L,
                        new BigDecimal("18446744073709551615"),
                        new BigDecimal("12345678.91"),
                        1.5d,
                        2.25d,
                        true,
                        true,
                        LocalDate.of(2024, 2, 29));
        assertThat(r.get(14)).isEqualTo(LocalTime.parse("23:59:58.123456"));
        assertThat(r.get(15)).isEqualTo(LocalDateTime.parse("2024-02-29T12:34:56.654321"));
        assertThat(r.get(16)).isEqualTo(Instant.parse("2024-02-29T10:34:56.123456Z"));
        assertThat(r.get(17)).isEqualTo(UUID.fromString("6f1c1d1e-0000-4000-8000-00000000abcd"));
        assertThat(r.get(18)).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.subList(19, 22)).containsExactly("tëxt", "var", "ab");
        assertThat((byte[]) r.get(22)).containsExactly(0, 0xff);
        assertThat((byte[]) r.get(23)).containsExactly(1);
        assertThat(r.subList(24, 26)).containsExactly("sad", 2024);
    }

    @Test
    void aTypeTheLakeCannotHoldIsRefusedNamingColumnAndType() throws SQLException {
        assertRefusedType("DECIMAL(50,2)", "wide", "decimal(50,2)");
        assertRefusedType("BIT(8)", "bits", "bit");
        assertRefusedType("POINT", "p", "point");
    }

    @Test
    void aWrongPasswordIsAFailureWithTheDriversMessageAndNeverThePassword() {
        JdbcSourceSpec spec = JdbcSourceSpec.of("orders", url(), "root", "pw-s3cret-XYZ", "jdbc_it_orders", List.of());
        assertThatThrownBy(() -> new JdbcSource(spec).open())
                .isInstanceOf(JdbcSourceException.class)
                .hasMessageContaining("Access denied for user 'root'")
                .hasMessageContaining("refused the connection")
                .hasMessageContaining("Nothing was written")
                .satisfies(e -> assertThat(Throwables.all(e)).doesNotContain("pw-s3cret-XYZ"));
    }

    @Test
    void aMysqlUrlIsReadThroughTheSameDriver() throws SQLException {
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY)");
        exec("INSERT INTO jdbc_it_snap VALUES (1), (2)");
        JdbcSourceSpec spec = JdbcSourceSpec.of(
                "orders", url().replace("jdbc:mariadb:", "jdbc:mysql:"), "root", null, "jdbc_it_snap", List.of());
        assertThat(readAll(new JdbcSource(spec))).hasSize(2);
    }
}

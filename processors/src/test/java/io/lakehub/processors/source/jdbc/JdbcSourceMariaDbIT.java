package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                + " iu INT UNSIGNED, b BIGINT, f FLOAT, d DOUBLE, flag TINYINT(1), bit1 BIT(1), day DATE,"
                + " at TIMESTAMP(6) NULL, j JSON, t TEXT, v VARCHAR(10), c CHAR(3), bl BLOB, vb VARBINARY(8),"
                + " e ENUM('happy', 'sad'), y YEAR)");
        exec("INSERT INTO jdbc_it_types VALUES (1, -1, -2, 3, 4, 4294967295, 9007199254740993, 1.5, 2.25, 1, b'1',"
                + " '2024-02-29', '2024-02-29 10:34:56.123456', '{\"a\": [1, 2]}', 'tëxt', 'var', 'ab',"
                + " x'00ff', x'01', 'sad', 2024)");
        exec("INSERT INTO jdbc_it_types (id) VALUES (2)");
        Map<String, LakeType> expected = new LinkedHashMap<>();
        expected.put("id", LakeType.INT);
        expected.put("ti", LakeType.INT);
        expected.put("s", LakeType.INT);
        expected.put("m", LakeType.INT);
        expected.put("i", LakeType.INT);
        expected.put("iu", LakeType.BIGINT);
        expected.put("b", LakeType.BIGINT);
        expected.put("f", LakeType.DOUBLE);
        expected.put("d", LakeType.DOUBLE);
        expected.put("flag", LakeType.BOOLEAN);
        expected.put("bit1", LakeType.BOOLEAN);
        expected.put("day", LakeType.DATE);
        expected.put("at", LakeType.TIMESTAMP);
        expected.put("j", LakeType.JSON);
        expected.put("t", LakeType.STRING);
        expected.put("v", LakeType.STRING);
        expected.put("c", LakeType.STRING);
        expected.put("bl", LakeType.BINARY);
        expected.put("vb", LakeType.BINARY);
        expected.put("e", LakeType.STRING);
        expected.put("y", LakeType.INT);

        List<List<Object>> rows = readTypes(expected);

        List<Object> r = rows.get(0);
        assertThat(r.subList(0, 12))
                .containsExactly(
                        1,
                        -1,
                        -2,
                        3,
                        4,
                        4294967295L,
                        9007199254740993L,
                        1.5d,
                        2.25d,
                        true,
                        true,
                        LocalDate.of(2024, 2, 29));
        assertThat(r.get(12)).isEqualTo(Instant.parse("2024-02-29T10:34:56.123456Z"));
        assertThat(r.get(13)).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.subList(14, 17)).containsExactly("tëxt", "var", "ab");
        assertThat((byte[]) r.get(17)).containsExactly(0, 0xff);
        assertThat((byte[]) r.get(18)).containsExactly(1);
        assertThat(r.subList(19, 21)).containsExactly("sad", 2024);
    }

    @Test
    void aTypeTheLakeCannotHoldIsRefusedNamingColumnAndType() throws SQLException {
        assertRefusedType("BIGINT UNSIGNED", "big", "bigint unsigned");
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

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
 * The poller on PostgreSQL (default {@code 127.0.0.1:5432/test}, user {@code postgres}; override
 * with {@code -Dlakehub.it.postgres.url}).
 */
class JdbcSourcePostgresIT extends JdbcSourceContract {

    @Override
    String url() {
        return System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    @Override
    String user() {
        return "postgres";
    }

    @Override
    String instantType() {
        return "timestamptz";
    }

    @Override
    String nowMinus(int seconds) {
        return "now() - interval '" + seconds + " seconds'";
    }

    @Test
    void everyTypeMapsIncludingNulls() throws SQLException {
        exec("DROP TYPE IF EXISTS jdbc_it_mood");
        exec("CREATE TYPE jdbc_it_mood AS ENUM ('happy', 'sad')");
        exec("CREATE TABLE jdbc_it_types (id INT PRIMARY KEY, s SMALLINT, i INTEGER, b BIGINT, r REAL,"
                + " d DOUBLE PRECISION, flag BOOLEAN, day DATE, at TIMESTAMPTZ, j JSON, jb JSONB, t TEXT,"
                + " v VARCHAR(10), c CHAR(3), bytes BYTEA, mood jdbc_it_mood)");
        exec("INSERT INTO jdbc_it_types VALUES (1, -2, 3, 9007199254740993, 1.5, 2.25, true, '2024-02-29',"
                + " '2024-02-29 12:34:56.123456+02', '{\"a\": [1, 2]}', '{\"b\": null}', 'tëxt', 'var', 'ab',"
                + " '\\x00ff', 'sad')");
        exec("INSERT INTO jdbc_it_types (id) VALUES (2)");
        Map<String, LakeType> expected = new LinkedHashMap<>();
        expected.put("id", LakeType.INT);
        expected.put("s", LakeType.INT);
        expected.put("i", LakeType.INT);
        expected.put("b", LakeType.BIGINT);
        expected.put("r", LakeType.DOUBLE);
        expected.put("d", LakeType.DOUBLE);
        expected.put("flag", LakeType.BOOLEAN);
        expected.put("day", LakeType.DATE);
        expected.put("at", LakeType.TIMESTAMP);
        expected.put("j", LakeType.JSON);
        expected.put("jb", LakeType.JSON);
        expected.put("t", LakeType.STRING);
        expected.put("v", LakeType.STRING);
        expected.put("c", LakeType.STRING);
        expected.put("bytes", LakeType.BINARY);
        expected.put("mood", LakeType.STRING);

        List<List<Object>> rows = readTypes(expected);

        List<Object> r = rows.get(0);
        assertThat(r.subList(0, 8))
                .containsExactly(1, -2, 3, 9007199254740993L, 1.5d, 2.25d, true, LocalDate.of(2024, 2, 29));
        assertThat(r.get(8)).isEqualTo(Instant.parse("2024-02-29T10:34:56.123456Z"));
        assertThat(r.get(9)).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.get(10)).isEqualTo("{\"b\": null}");
        assertThat(r.subList(11, 14)).containsExactly("tëxt", "var", "ab ");
        assertThat((byte[]) r.get(14)).containsExactly(0, 0xff);
        assertThat(r.get(15)).isEqualTo("sad");
    }

    @Test
    void aTypeTheLakeCannotHoldIsRefusedNamingColumnAndType() throws SQLException {
        assertRefusedType("timetz", "t", "timetz");
        assertRefusedType("interval", "gap", "interval");
        assertRefusedType("point", "p", "point");
    }

    @Test
    void anUnknownRoleIsAFailureWithTheDriversMessage() {
        // Local PostgreSQL trusts every connection from 127.0.0.1, so a wrong password cannot fail here
        // (the MariaDB test does that); an unknown role fails the same way, before any row is read.
        JdbcSourceSpec spec =
                JdbcSourceSpec.of("orders", url(), "lakehub_no_such_role", "pw-s3cret-XYZ", "pg_class", List.of());
        assertThatThrownBy(() -> new JdbcSource(spec).open())
                .isInstanceOf(JdbcSourceException.class)
                .hasMessageContaining("lakehub_no_such_role")
                .hasMessageContaining("refused the connection")
                .hasMessageContaining("committed position is unchanged")
                .satisfies(e -> assertThat(Throwables.all(e)).doesNotContain("pw-s3cret-XYZ"));
    }

    @Test
    void aWriteIsRefusedByTheReadOnlyTransactionEvenPastTheTextCheck() throws SQLException {
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY)");
        // A SELECT calling a function that writes: PostgreSQL's read-only transaction stops it.
        exec("CREATE OR REPLACE FUNCTION jdbc_it_write() RETURNS int AS"
                + " $$ INSERT INTO jdbc_it_snap VALUES (1) RETURNING id $$ LANGUAGE sql");
        JdbcSourceSpec spec = spec("jdbc_it_snap", List.of()).withQuery("SELECT jdbc_it_write() AS id");
        assertThatThrownBy(() -> readAll(new JdbcSource(spec.withKey(List.of("id"), false))))
                .isInstanceOf(io.lakehub.catalog.LakehubException.class)
                .hasMessageContaining("read-only");
        exec("DROP FUNCTION jdbc_it_write()");
    }
}

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
import java.util.Optional;
import java.util.UUID;
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
    boolean fullSnapshotInKeyOrder() {
        return false;
    }

    @Override
    String nowMinus(int seconds) {
        return "now() - interval '" + seconds + " seconds'";
    }

    @Test
    void everyTypeMapsIncludingNulls() throws SQLException {
        exec("DROP TYPE IF EXISTS jdbc_it_mood");
        exec("CREATE TYPE jdbc_it_mood AS ENUM ('happy', 'sad')");
        exec("CREATE TABLE jdbc_it_types (id INT PRIMARY KEY, s SMALLINT, i INTEGER, b BIGINT, n NUMERIC(10,2),"
                + " nu NUMERIC, r REAL, d DOUBLE PRECISION, flag BOOLEAN, day DATE, tm TIME, ts TIMESTAMP,"
                + " at TIMESTAMPTZ, u UUID, j JSON, jb JSONB, t TEXT, v VARCHAR(10), c CHAR(3), bytes BYTEA,"
                + " mood jdbc_it_mood, ints INT[], texts TEXT[])");
        exec("INSERT INTO jdbc_it_types VALUES (1, -2, 3, 9007199254740993, 12345678.91, -0.5, 1.5, 2.25, true,"
                + " '2024-02-29', '23:59:58.123456', '2024-02-29 12:34:56.654321', '2024-02-29 12:34:56.123456+02',"
                + " '6f1c1d1e-0000-4000-8000-00000000abcd', '{\"a\": [1, 2]}', '{\"b\": null}', 'tëxt', 'var', 'ab',"
                + " '\\x00ff', 'sad', '{1, NULL, 3}', '{\"x\", \"y, z\"}')");
        exec("INSERT INTO jdbc_it_types (id) VALUES (2)");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("id", "int");
        expected.put("s", "int");
        expected.put("i", "int");
        expected.put("b", "bigint");
        expected.put("n", "decimal(10,2)");
        expected.put("nu", "decimal(38,10)");
        expected.put("r", "double");
        expected.put("d", "double");
        expected.put("flag", "boolean");
        expected.put("day", "date");
        expected.put("tm", "time");
        expected.put("ts", "timestamp_ntz");
        expected.put("at", "timestamp");
        expected.put("u", "uuid");
        expected.put("j", "json");
        expected.put("jb", "json");
        expected.put("t", "string");
        expected.put("v", "string");
        expected.put("c", "string");
        expected.put("bytes", "binary");
        expected.put("mood", "string");
        expected.put("ints", "list<int>");
        expected.put("texts", "list<string>");

        List<List<Object>> rows = readTypes(expected);

        List<Object> r = rows.get(0);
        assertThat(r.subList(0, 10))
                .containsExactly(
                        1,
                        -2,
                        3,
                        9007199254740993L,
                        new BigDecimal("12345678.91"),
                        new BigDecimal("-0.5000000000"),
                        1.5d,
                        2.25d,
                        true,
                        LocalDate.of(2024, 2, 29));
        assertThat(r.get(10)).isEqualTo(LocalTime.parse("23:59:58.123456"));
        assertThat(r.get(11)).isEqualTo(LocalDateTime.parse("2024-02-29T12:34:56.654321"));
        assertThat(r.get(12)).isEqualTo(Instant.parse("2024-02-29T10:34:56.123456Z"));
        assertThat(r.get(13)).isEqualTo(UUID.fromString("6f1c1d1e-0000-4000-8000-00000000abcd"));
        assertThat(r.get(14)).isEqualTo("{\"a\": [1, 2]}");
        assertThat(r.get(15)).isEqualTo("{\"b\": null}");
        assertThat(r.subList(16, 19)).containsExactly("tëxt", "var", "ab ");
        assertThat((byte[]) r.get(19)).containsExactly(0, 0xff);
        assertThat(r.get(20)).isEqualTo("sad");
        assertThat(r.get(21)).isEqualTo(java.util.Arrays.asList(1, null, 3));
        assertThat(((List<?>) r.get(22)).stream().map(String::valueOf).toList()).containsExactly("x", "y, z");
    }

    @Test
    void anUnconstrainedNumericValueThatDoesNotFitIsRefusedNamingTheColumn() throws SQLException {
        exec("CREATE TABLE jdbc_it_types (id INT PRIMARY KEY, nu NUMERIC)");
        exec("INSERT INTO jdbc_it_types VALUES (1, 0.12345678901234)");
        assertThatThrownBy(() -> readAll(new JdbcSource(spec("jdbc_it_types", List.of()))))
                .isInstanceOf(JdbcSourceRefusedException.class)
                .hasMessageContaining("column 'nu' (numeric) holds a value with 14 digits after the point")
                .hasMessageContaining("decimal(38,10)");
    }

    @Test
    void aTypeTheLakeCannotHoldIsRefusedNamingColumnAndType() throws SQLException {
        assertRefusedType("timetz", "t", "timetz");
        assertRefusedType("interval", "gap", "interval");
        assertRefusedType("point", "p", "point");
        assertRefusedType("numeric(50,2)", "wide", "numeric(50,2)");
        assertRefusedType("interval[]", "gaps", "interval[]");
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

    @Test
    void hostileTextCursorValuesPageAndResumeExactlyThroughCopy() throws Exception {
        exec("CREATE TABLE jdbc_it_snap (k TEXT COLLATE \"C\" PRIMARY KEY, n INT NOT NULL)");
        List<String> keys = new java.util.ArrayList<>(PgLiteralsIT.HOSTILE);
        try (var insert = admin.prepareStatement("INSERT INTO jdbc_it_snap VALUES (?, ?)")) {
            for (int i = 0; i < keys.size(); i++) {
                insert.setString(1, keys.get(i));
                insert.setInt(2, i);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // Collation "C" orders by the UTF-8 bytes.
        List<String> sorted = keys.stream()
                .sorted((a, b) -> java.util.Arrays.compareUnsigned(
                        a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        b.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .toList();
        // One row per page: every page after the first starts after a hostile value written as a literal.
        JdbcSourceSpec spec = spec("jdbc_it_snap", List.of("k")).withSizes(1, 1, 3);
        JdbcSource first = new JdbcSource(spec);
        List<List<Object>> rows = readAll(first);
        assertThat(rows.stream().map(r -> (String) r.get(0)).toList()).containsExactlyElementsOf(sorted);
        assertThat(first.readsByCopy()).isTrue();
        String position = first.position().get(spec.positionKey());
        assertThat(position).contains("\"column\":\"k\"");

        // Resuming after each value in turn reads exactly the rows above it.
        for (int i = 0; i < sorted.size(); i++) {
            String at = sorted.get(i);
            String json = "{\"cursor\":[{\"column\":\"k\",\"type\":\"text\",\"value\":"
                    + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(at) + "}]}";
            List<String> after = readAll(new JdbcSource(spec, () -> Optional.of(json))).stream()
                    .map(r -> (String) r.get(0))
                    .toList();
            assertThat(after).as("after %s", at).containsExactlyElementsOf(sorted.subList(i + 1, sorted.size()));
        }
        try (var rs = admin.createStatement().executeQuery("SELECT count(*) FROM jdbc_it_snap")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(keys.size());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aRealCursorResumesAfterItsOwnValueNotBeforeIt() throws SQLException {
        // 1.1 as a real is 1.100000023841858 as a double: a literal of the wrong type would re-read the row.
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY, r REAL NOT NULL)");
        exec("INSERT INTO jdbc_it_snap VALUES (1, 1.1), (2, 1.1), (3, 0.3), (4, 2.2), (5, -7.7)");
        JdbcSource source = new JdbcSource(spec("jdbc_it_snap", List.of("r")).withSizes(1, 1, 2));
        List<List<Object>> rows = readAll(source);
        assertThat(rows.stream().map(r -> (Integer) r.get(0)).toList()).containsExactly(5, 3, 1, 2, 4);
        assertThat(rows.stream().map(r -> (Double) r.get(1)).toList()).containsExactly(-7.7, 0.3, 1.1, 1.1, 2.2);
        assertThat(source.readsByCopy()).isTrue();
    }

    @Test
    void widerLakeColumnsAreWrittenByCopyAndTextColumnsFallBackToJdbc() throws SQLException {
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY, n INT, amount NUMERIC(6,2), tags INT[])");
        exec("INSERT INTO jdbc_it_snap VALUES (1, 5, 12.5, '{1,2}'), (2, NULL, NULL, NULL)");

        // Numeric widenings the dataset may already hold: still COPY, values exact at the wider type.
        JdbcSource widened = new JdbcSource(spec("jdbc_it_snap", List.of()));
        List<List<Object>> rows = readAs(
                widened,
                List.of(
                        io.lakehub.catalog.schema.LakeField.nullable("id", io.lakehub.catalog.schema.LakeType.BIGINT),
                        io.lakehub.catalog.schema.LakeField.decimal("n", 12, 3),
                        io.lakehub.catalog.schema.LakeField.decimal("amount", 20, 4),
                        io.lakehub.catalog.schema.LakeField.list("tags", io.lakehub.catalog.schema.LakeType.INT)));
        assertThat(widened.readsByCopy()).isTrue();
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        java.util.Arrays.asList(1L, new BigDecimal("5.000"), new BigDecimal("12.5000"), List.of(1, 2)),
                        java.util.Arrays.asList(2L, null, null, null));

        // A column the dataset holds as text (or a list it holds as JSON): read through JDBC instead.
        JdbcSource text = new JdbcSource(spec("jdbc_it_snap", List.of()));
        rows = readAs(
                text,
                List.of(
                        io.lakehub.catalog.schema.LakeField.nullable("id", io.lakehub.catalog.schema.LakeType.INT),
                        io.lakehub.catalog.schema.LakeField.nullable("n", io.lakehub.catalog.schema.LakeType.STRING),
                        io.lakehub.catalog.schema.LakeField.decimal("amount", 6, 2),
                        io.lakehub.catalog.schema.LakeField.nullable("tags", io.lakehub.catalog.schema.LakeType.JSON)));
        assertThat(text.readsByCopy()).isFalse();
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        java.util.Arrays.asList(1, "5", new BigDecimal("12.50"), "[1,2]"),
                        java.util.Arrays.asList(2, null, null, null));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void closingInTheMiddleOfACopyCancelsItAndAReopenReadsEverything() throws SQLException {
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY, name TEXT)");
        exec("INSERT INTO jdbc_it_snap SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g");
        JdbcSource source = new JdbcSource(spec("jdbc_it_snap", List.of()).withSizes(50_000, 1_000, 100));
        source.open();
        try (var batch = org.apache.arrow.vector.VectorSchemaRoot.create(
                io.lakehub.processors.batch.ArrowSchemas.toArrow(source.schema()), allocator)) {
            assertThat(source.next(batch)).isTrue();
            assertThat(batch.getRowCount()).isEqualTo(100);
        }
        source.close(); // 199,900 rows of the COPY unread
        try (var rs = admin.createStatement()
                .executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%jdbc_it_snap%'"
                        + " AND state = 'active'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no COPY left running").isZero();
        }
        assertThat(readAll(source)).hasSize(200_000);
    }

    private List<List<Object>> readAs(JdbcSource source, List<io.lakehub.catalog.schema.LakeField> fields) {
        List<List<Object>> rows = new java.util.ArrayList<>();
        source.open();
        try {
            source.readAs(new io.lakehub.catalog.schema.LakeSchema(fields));
            try (var batch = org.apache.arrow.vector.VectorSchemaRoot.create(
                    io.lakehub.processors.batch.ArrowSchemas.toArrow(source.schema()), allocator)) {
                while (source.next(batch)) {
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        List<Object> row = new java.util.ArrayList<>();
                        for (var v : batch.getFieldVectors()) {
                            Object o = v.isNull(r) ? null : v.getObject(r);
                            if (o instanceof org.apache.arrow.vector.util.Text t) {
                                o = t.toString();
                            } else if (o instanceof List<?> l) {
                                o = List.copyOf(l);
                            }
                            row.add(o);
                        }
                        rows.add(row);
                    }
                }
            }
        } finally {
            source.close();
        }
        return rows;
    }
}

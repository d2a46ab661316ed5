package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.schema.LakeField;
import io.lakehub.processors.batch.ArrowSchemas;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a database poller guarantees, on a real database: each subclass names one (PostgreSQL,
 * MariaDB) and the SQL that differs. Tables are {@code jdbc_it_*}, dropped before each test.
 */
abstract class JdbcSourceContract {

    protected BufferAllocator allocator;
    protected Connection admin;

    /** URL of the test database. */
    abstract String url();

    abstract String user();

    /** The column type of an instant timestamp with microseconds (timestamptz, TIMESTAMP(6)). */
    abstract String instantType();

    /** SQL for "now minus n seconds" as an instant. */
    abstract String nowMinus(int seconds);

    /**
     * Whether a full snapshot reads in key pages, so in key order (JDBC); PostgreSQL's reads the
     * table in one COPY, in the table's physical order.
     */
    boolean fullSnapshotInKeyOrder() {
        return true;
    }

    @BeforeEach
    void connect() throws SQLException {
        allocator = new RootAllocator();
        admin = DriverManager.getConnection(url(), user(), null);
        for (String t : List.of(
                "jdbc_it_snap", "jdbc_it_orders", "jdbc_it_nopk", "jdbc_it_late", "jdbc_it_types", "jdbc_it_nulls")) {
            exec("DROP TABLE IF EXISTS " + t);
        }
    }

    @AfterEach
    void disconnect() throws SQLException {
        admin.close();
        allocator.close();
    }

    protected void exec(String sql) throws SQLException {
        try (Statement s = admin.createStatement()) {
            s.execute(sql);
        }
    }

    protected JdbcSourceSpec spec(String table, List<String> cursor) {
        return JdbcSourceSpec.of("orders", url(), user(), null, table, cursor).withLag(Duration.ZERO);
    }

    /** Every row the source yields, as Java values (Integer, Long, Double, Boolean, LocalDate, Instant, String, byte[]). */
    protected List<List<Object>> readAll(JdbcSource source) {
        List<List<Object>> rows = new ArrayList<>();
        source.open();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(source.schema()), allocator)) {
            while (source.next(batch)) {
                assertThat(batch.getRowCount()).isLessThanOrEqualTo(source.batchRows());
                for (int r = 0; r < batch.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector v : batch.getFieldVectors()) {
                        row.add(value(v, r));
                    }
                    rows.add(row);
                }
            }
        } finally {
            source.close();
        }
        return rows;
    }

    private static Object value(FieldVector v, int r) {
        if (v.isNull(r)) {
            return null;
        }
        return switch (v) {
            case DateDayVector d -> LocalDate.ofEpochDay(d.get(r));
            case TimeStampMicroTZVector t -> Instant.EPOCH.plusNanos(t.get(r) * 1000);
            case VarCharVector s -> s.getObject(r).toString();
            case org.apache.arrow.vector.TimeMicroVector t -> java.time.LocalTime.ofNanoOfDay(t.get(r) * 1000);
            case org.apache.arrow.vector.FixedSizeBinaryVector b -> {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b.get(r));
                yield new java.util.UUID(buf.getLong(), buf.getLong());
            }
            case org.apache.arrow.vector.complex.ListVector l -> new ArrayList<>(l.getObject(r));
            default -> v.getObject(r);
        };
    }

    private void insertOrders(int fromId, int toId, Function<Integer, String> updatedAt) throws SQLException {
        try (PreparedStatement s =
                admin.prepareStatement("INSERT INTO jdbc_it_orders (id, amount, updated_at) VALUES (?, ?, " + "?)")) {
            for (int id = fromId; id <= toId; id++) {
                s.setInt(1, id);
                s.setLong(2, id * 10L);
                s.setObject(3, java.time.OffsetDateTime.parse(updatedAt.apply(id)));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void createOrders() throws SQLException {
        exec("CREATE TABLE jdbc_it_orders (id INT PRIMARY KEY, amount BIGINT NOT NULL, updated_at " + instantType()
                + " NOT NULL)");
    }

    @Test
    void fullSnapshotReadsEveryRowOnceInKeyPages() throws SQLException {
        exec("CREATE TABLE jdbc_it_snap (id INT PRIMARY KEY, name VARCHAR(40))");
        try (PreparedStatement s = admin.prepareStatement("INSERT INTO jdbc_it_snap VALUES (?, ?)")) {
            for (int id = 2500; id >= 1; id--) {
                s.setInt(1, id);
                s.setString(2, id % 7 == 0 ? null : "n" + id);
                s.addBatch();
            }
            s.executeBatch();
        }
        JdbcSource source = new JdbcSource(spec("jdbc_it_snap", List.of()).withSizes(1000, 100, 300));

        List<List<Object>> rows = readAll(source);

        assertThat(rows).hasSize(2500);
        List<Integer> ids = rows.stream().map(r -> (Integer) r.get(0)).toList();
        assertThat(ids).as("each row once").doesNotHaveDuplicates();
        if (fullSnapshotInKeyOrder()) {
            assertThat(ids).as("in key pages: ordered by the primary key").isSorted();
        }
        Map<Integer, List<Object>> byId = rows.stream().collect(Collectors.toMap(r -> (Integer) r.get(0), r -> r));
        assertThat(byId.get(7)).containsExactly(7, null);
        assertThat(byId.get(8)).containsExactly(8, "n8");
        assertThat(source.key()).containsExactly("id");
        assertThat(source.position())
                .as("a full snapshot has nothing to resume from")
                .isEmpty();
    }

    @Test
    void rowsSharingOneTimestampAcrossPageBoundariesAreReadExactlyOnce() throws SQLException {
        createOrders();
        // 1,000 rows on one timestamp, between a few earlier and later ones; pages of 64 cut through it.
        insertOrders(1, 10, id -> "2026-01-01T00:00:0" + (id % 10) + "Z");
        insertOrders(11, 1010, id -> "2026-01-01T00:01:00.123456Z");
        insertOrders(1011, 1020, id -> "2026-01-01T00:02:00Z");
        JdbcSourceSpec spec = spec("jdbc_it_orders", List.of("updated_at")).withSizes(64, 16, 50);

        JdbcSource first = new JdbcSource(spec);
        List<List<Object>> rows = readAll(first);

        assertThat(rows.stream().map(r -> (Integer) r.get(0)).collect(Collectors.toSet()))
                .hasSize(1020);
        assertThat(rows).hasSize(1020);
        assertThat(first.key()).containsExactly("id");
        String position = first.position().get("position.jdbc.orders");
        assertThat(position)
                .contains("\"column\":\"updated_at\"")
                .contains("\"column\":\"id\"")
                .contains("1020");

        // The next poll, from the committed position: nothing new, then only what changed after it.
        assertThat(readAll(new JdbcSource(spec, () -> Optional.of(position)))).isEmpty();
        insertOrders(1021, 1030, id -> "2026-01-01T00:02:00Z"); // same timestamp as the last row, later key
        exec("UPDATE jdbc_it_orders SET amount = -1, updated_at = " + "'2026-01-01 00:03:00' WHERE id = 500");
        List<List<Object>> second = readAll(new JdbcSource(spec, () -> Optional.of(position)));
        assertThat(second.stream().map(r -> (Integer) r.get(0)).toList())
                .containsExactly(1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029, 1030, 500);
        assertThat(second.get(10).get(1)).isEqualTo(-1L);
    }

    @Test
    void restartResumesFromTheCommittedPositionNotFromWhatAFailedAttemptReached() throws SQLException {
        createOrders();
        insertOrders(1, 300, id -> "2026-01-01T00:00:00Z");
        JdbcSourceSpec spec =
                spec("jdbc_it_orders", List.of("updated_at", "id")).withSizes(100, 10, 100);
        JdbcSource first = new JdbcSource(spec);
        assertThat(readAll(first)).hasSize(300);
        String committed = first.position().get(spec.positionKey());

        insertOrders(301, 400, id -> "2026-01-01T00:00:00Z");
        // An attempt that read a batch and failed before its commit...
        JdbcSource attempt = new JdbcSource(spec, () -> Optional.of(committed));
        attempt.open();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(attempt.schema()), allocator)) {
            assertThat(attempt.next(batch)).isTrue();
        }
        attempt.close();
        // ...is opened again (a retry): it reads from the committed position, all 100 new rows.
        List<List<Object>> retried = readAll(attempt);
        assertThat(retried.stream().map(r -> (Integer) r.get(0)).toList())
                .hasSize(100)
                .startsWith(301)
                .endsWith(400);
    }

    @Test
    void theSafetyLagCatchesARowCommittedLateWithAnOlderTimestamp() throws Exception {
        createOrders();
        exec("INSERT INTO jdbc_it_orders VALUES (1, 10, " + nowMinus(120) + ")");
        exec("INSERT INTO jdbc_it_orders VALUES (3, 30, " + nowMinus(5) + ")");
        JdbcSourceSpec spec =
                spec("jdbc_it_orders", List.of("updated_at", "id")).withLag(Duration.ofSeconds(60));
        try (Connection slow = DriverManager.getConnection(url(), user(), null)) {
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                // A slow transaction took its timestamp 90 s ago and has not committed yet.
                s.execute("INSERT INTO jdbc_it_orders VALUES (2, 20, " + nowMinus(90) + ")");
            }
            JdbcSource first = new JdbcSource(spec);
            assertThat(readAll(first).stream().map(r -> r.get(0)).toList())
                    .as("only rows older than the lag: row 3 (5 s old) waits")
                    .containsExactly(1);
            String committed = first.position().get(spec.positionKey());
            slow.commit();

            List<Integer> next = readAll(new JdbcSource(spec, () -> Optional.of(committed))).stream()
                    .map(r -> (Integer) r.get(0))
                    .toList();
            assertThat(next).as("the late row is above the committed cursor").containsExactly(2);
        }
        // Without a lag the cursor would have passed the late row's timestamp (row 3) before it committed.
        exec("DELETE FROM jdbc_it_orders WHERE id = 2");
        try (Connection slow = DriverManager.getConnection(url(), user(), null)) {
            slow.setAutoCommit(false);
            try (Statement s = slow.createStatement()) {
                s.execute("INSERT INTO jdbc_it_orders VALUES (2, 20, " + nowMinus(90) + ")");
            }
            JdbcSourceSpec noLag = spec.withLag(Duration.ZERO);
            JdbcSource first = new JdbcSource(noLag);
            assertThat(readAll(first).stream().map(r -> r.get(0)).toList()).containsExactly(1, 3);
            String committed = first.position().get(spec.positionKey());
            slow.commit();
            assertThat(readAll(new JdbcSource(noLag, () -> Optional.of(committed))))
                    .as("the trade-off the lag exists for: lag 0 misses it")
                    .isEmpty();
        }
    }

    @Test
    void aCursorColumnThatDoesNotExistIsRefusedNamingIt() throws SQLException {
        createOrders();
        JdbcSource source = new JdbcSource(spec("jdbc_it_orders", List.of("changed_at", "id")));
        assertThatThrownBy(source::open)
                .isInstanceOf(JdbcSourceRefusedException.class)
                .hasMessageContaining("jdbc.cursor")
                .hasMessageContaining("'changed_at' does not exist")
                .hasMessageContaining("updated_at");
    }

    @Test
    void aTableWithoutPrimaryKeyIsRefusedForAnUpsertWithoutKey() throws SQLException {
        exec("CREATE TABLE jdbc_it_nopk (id INT NOT NULL, updated_at " + instantType() + " NOT NULL)");
        JdbcSource source =
                new JdbcSource(spec("jdbc_it_nopk", List.of("updated_at")).withKey(List.of(), true));
        assertThatThrownBy(source::open)
                .isInstanceOfSatisfying(
                        JdbcSourceRefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("key"))
                .hasMessageContaining("jdbc_it_nopk has no primary key");
        // With key: given, it is read.
        exec("INSERT INTO jdbc_it_nopk VALUES (1, " + nowMinus(10) + ")");
        assertThat(readAll(new JdbcSource(
                        spec("jdbc_it_nopk", List.of("updated_at")).withKey(List.of("id"), true))))
                .hasSize(1);
    }

    @Test
    void aQueryThatIsNotASelectIsRefusedNamingTheKey() {
        for (String q : List.of(
                "DELETE FROM jdbc_it_orders",
                "  /* hi */ UPDATE jdbc_it_orders SET amount = 0",
                "SELECT 1; DROP TABLE jdbc_it_orders",
                "INSERT INTO t SELECT 1")) {
            assertThatThrownBy(() -> spec("jdbc_it_orders", List.of()).withQuery(q))
                    .as(q)
                    .isInstanceOfSatisfying(
                            JdbcSourceRefusedException.class,
                            e -> assertThat(e.key()).isEqualTo("jdbc.query"));
        }
        assertThat(JdbcSourceSpec.queryProblem("-- orders\nSELECT id FROM t WHERE s = ';' ;"))
                .isNull();
    }

    @Test
    void aQueryIsReadInPagesByItsCursor() throws SQLException {
        createOrders();
        insertOrders(1, 250, id -> "2026-01-01T00:00:00Z");
        JdbcSourceSpec spec = spec("jdbc_it_orders", List.of("id"))
                .withQuery("SELECT id, amount * 2 AS doubled FROM jdbc_it_orders WHERE id % 2 = 0")
                .withSizes(40, 10, 32);
        List<List<Object>> rows = readAll(new JdbcSource(spec));
        assertThat(rows).hasSize(125);
        assertThat(rows.get(0)).containsExactly(2, 40L);
    }

    @Test
    void aCursorColumnHoldingNullsIsRefusedNamingIt() throws SQLException {
        exec("CREATE TABLE jdbc_it_nulls (id INT PRIMARY KEY, updated_at " + instantType() + " NULL)");
        exec("INSERT INTO jdbc_it_nulls VALUES (1, NULL)");
        assertThatThrownBy(() -> new JdbcSource(spec("jdbc_it_nulls", List.of("updated_at"))).open())
                .isInstanceOfSatisfying(
                        JdbcSourceRefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("jdbc.cursor"))
                .hasMessageContaining("'updated_at' is NULL in some rows");
    }

    @Test
    void aChangedCursorDoesNotResumeFromAnotherCursorsPosition() throws SQLException {
        createOrders();
        insertOrders(1, 3, id -> "2026-01-01T00:00:00Z");
        JdbcSource first = new JdbcSource(spec("jdbc_it_orders", List.of("updated_at")));
        readAll(first);
        String committed = first.position().get("position.jdbc.orders");
        assertThatThrownBy(() ->
                        new JdbcSource(spec("jdbc_it_orders", List.of("id")), () -> Optional.of(committed)).open())
                .isInstanceOf(JdbcSourceRefusedException.class)
                .hasMessageContaining("orders by [updated_at, id] but the pipeline now orders by [id]");
    }

    @Test
    void aSoftDeleteColumnMustBeABoolean() throws SQLException {
        createOrders();
        assertThatThrownBy(() -> new JdbcSource(
                                spec("jdbc_it_orders", List.of("updated_at")).withDeletedColumn("amount"))
                        .open())
                .isInstanceOfSatisfying(
                        JdbcSourceRefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("deleted.column"))
                .hasMessageContaining("'amount'");
        assertThatThrownBy(() -> new JdbcSource(
                                spec("jdbc_it_orders", List.of("updated_at")).withDeletedColumn("is_deleted"))
                        .open())
                .hasMessageContaining("deleted.column")
                .hasMessageContaining("'is_deleted' does not exist");
    }

    /** Rows of the types table and its declared lake types, for the subclass's type test. */
    protected List<List<Object>> readTypes(Map<String, String> expected) {
        JdbcSource source = new JdbcSource(spec("jdbc_it_types", List.of()));
        List<List<Object>> rows = readAll(source);
        Map<String, String> declared = source.schema().fields().stream()
                .collect(Collectors.toMap(
                        LakeField::name, LakeField::typeName, (a, b) -> a, java.util.LinkedHashMap::new));
        assertThat(declared).containsExactlyEntriesOf(expected);
        assertThat(rows).hasSize(2);
        Set<Integer> nullColumns = new HashSet<>();
        for (int c = 1; c < rows.get(1).size(); c++) {
            if (rows.get(1).get(c) == null) {
                nullColumns.add(c);
            }
        }
        assertThat(nullColumns)
                .as("the second row is all NULL but its key")
                .hasSize(rows.get(1).size() - 1);
        return rows;
    }

    protected void assertRefusedType(String columnDefinition, String column, String shownType) throws SQLException {
        exec("DROP TABLE IF EXISTS jdbc_it_types");
        exec("CREATE TABLE jdbc_it_types (id INT PRIMARY KEY, " + column + " " + columnDefinition + ")");
        assertThatThrownBy(() -> new JdbcSource(spec("jdbc_it_types", List.of())).open())
                .as(columnDefinition)
                .isInstanceOf(JdbcSourceRefusedException.class)
                .hasMessageContaining("column '" + column + "'")
                .hasMessageContaining("has type " + shownType);
    }
}

package io.lakehub.routes.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.source.cdc.CdcSourceSpec;
import io.lakehub.processors.testing.EmbeddedLake;
import io.lakehub.routes.component.LakehubComponent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehub-cdc:} against the real PostgreSQL (wal_level=logical, .ci/run sets it) on the real
 * catalog: the initial snapshot, then inserts, updates and deletes, land in an upsert dataset keyed by
 * the primary key; the route stopped and started again resumes from the committed position (changes
 * made meanwhile arrive once); the replication connection terminated by the server is reconnected
 * and nothing is lost. The table, slot and publication carry a random suffix and are dropped.
 */
class CdcRouteIT extends CamelTestSupport {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final DatasetName ORDERS = DatasetName.of("orders");

    @TempDir
    Path home;

    private final String suffix = Long.toString(Math.abs(new Random().nextLong()), 36);
    private final String table = "cdc_it_" + suffix;
    private final String slot = "lakehub_it_" + suffix;
    private EmbeddedLake lake;
    private Connection pg;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("CREATE TABLE " + table + " (id INT PRIMARY KEY, name TEXT NOT NULL, amount NUMERIC(10,2),"
                + " seen TIMESTAMPTZ NOT NULL DEFAULT now(), tags TEXT[])");
        exec("INSERT INTO " + table + " (id, name, amount, tags) SELECT g, 'row ' || g, g * 1.25, ARRAY['a', 'b']"
                + " FROM generate_series(1, 50) g");
        lake = EmbeddedLake.open(home.resolve("hub"));
        CamelContext context = super.createCamelContext();
        context.addComponent("lakehub", new LakehubComponent(lake.ingestor(), home.resolve("hub/tmp")));
        CdcComponent cdc = new CdcComponent(lake.catalog()::sourcePosition);
        cdc.bind(
                "orders",
                new CdcSourceSpec("orders", PG, "postgres", null, List.of("public." + table), slot, null),
                ORDERS,
                List.of("id"));
        context.addComponent("lakehub-cdc", cdc);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("lakehub-cdc:orders?pollInterval=20&backoff=100&maxBackoff=1000")
                        .routeId("cdc")
                        .autoStartup(false)
                        .to("lakehub:orders?pipeline=orders&sourceSystem=cdc&actor=test&mode=upsert&key=id"
                                + "&deletedColumn=" + CdcSourceSpec.DELETED_COLUMN);
            }
        });
        return context;
    }

    @AfterEach
    void dropAll() throws Exception {
        context.getRouteController().stopRoute("cdc");
        lake.close();
        // The slot is released when the engine stops; an abandoned slot would hold WAL forever.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Statement s = pg.createStatement()) {
                s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                        + slot + "'");
            }
        });
        exec("DROP PUBLICATION IF EXISTS " + CdcSourceSpec.defaultPublication(slot));
        exec("DROP TABLE IF EXISTS " + table);
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    private List<List<Object>> source() throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, amount::text FROM " + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(List.of(rs.getInt(1), rs.getString(2), String.valueOf(rs.getString(3))));
            }
        }
        return rows;
    }

    private List<List<Object>> lakeRows() {
        if (lake.catalog().dataset(ORDERS).isEmpty()) {
            return List.of();
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> r : lake.sql()
                .query("SELECT id, name, CAST(amount AS VARCHAR) FROM orders ORDER BY id")
                .rows()) {
            rows.add(List.of(((Number) r.get(0)).intValue(), r.get(1), String.valueOf(r.get(2))));
        }
        return rows;
    }

    private void awaitLakeEqualsSource() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(lakeRows()).isEqualTo(source()));
        assertThat(lake.sql()
                        .query("SELECT count(*) = count(DISTINCT id) FROM orders")
                        .rows())
                .containsExactly(List.of(true));
    }

    @Test
    void snapshotThenChangesLandOnceAndSurviveARestartAndATerminatedConnection() throws Exception {
        context.getRouteController().startRoute("cdc");
        awaitLakeEqualsSource();
        assertThat(lakeRows()).hasSize(50);
        assertThat(lake.sql()
                        .query("SELECT tags FROM orders WHERE id = 1")
                        .rows()
                        .getFirst()
                        .getFirst())
                .asString()
                .contains("a");
        assertThat(lake.sql().query("SELECT * FROM orders").columns())
                .extracting(c -> c.name())
                .containsExactly("id", "name", "amount", "seen", "tags");

        exec("INSERT INTO " + table + " (id, name, amount) VALUES (51, 'new', 9.99), (52, 'newer', NULL)");
        exec("UPDATE " + table + " SET name = 'changed', amount = 0.01 WHERE id IN (3, 4, 51)");
        exec("DELETE FROM " + table + " WHERE id IN (5, 52)");
        awaitLakeEqualsSource();
        assertThat(lake.catalog().sourcePosition(ORDERS, "position.cdc.orders"))
                .hasValueSatisfying(p -> assertThat(p).contains("\"lsn\""));

        // Stopped: changes made meanwhile are read from the committed position when it starts again.
        context.getRouteController().stopRoute("cdc");
        exec("UPDATE " + table + " SET name = 'while stopped' WHERE id = 10");
        exec("DELETE FROM " + table + " WHERE id = 11");
        exec("INSERT INTO " + table + " (id, name) VALUES (60, 'while stopped')");
        context.getRouteController().startRoute("cdc");
        awaitLakeEqualsSource();

        // The server ends the replication connection: the consumer reconnects with backoff.
        await().atMost(Duration.ofSeconds(30)).until(() -> activePid() != null);
        exec("SELECT pg_terminate_backend(" + activePid() + ")");
        for (int i = 0; i < 20; i++) {
            exec("INSERT INTO " + table + " (id, name) VALUES (" + (100 + i) + ", 'after the outage')");
        }
        exec("UPDATE " + table + " SET amount = 7 WHERE id BETWEEN 20 AND 30");
        awaitLakeEqualsSource();
    }

    private Integer activePid() throws SQLException {
        try (Statement s = pg.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT active_pid FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            return rs.next() ? (Integer) rs.getObject(1) : null;
        }
    }
}

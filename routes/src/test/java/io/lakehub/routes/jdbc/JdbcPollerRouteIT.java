package io.lakehub.routes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.source.jdbc.JdbcSource;
import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import io.lakehub.processors.source.jdbc.SourceKeys;
import io.lakehub.routes.component.LakehubComponent;
import io.lakehub.routes.component.LakehubConstants;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehub-jdbc:} on the real catalog and ingest against the real PostgreSQL: a route polling
 * on its own ({@code delay}) into {@code lakehub:} commits each row once, the cursor committed with
 * the rows; a polling consumer's exchange carries the source and a lineage URI without the password.
 */
class JdbcPollerRouteIT extends CamelTestSupport {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final DatasetName ORDERS = DatasetName.of("orders");

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private Ingestor ingestor;
    private Connection pg;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        pg = DriverManager.getConnection(PG, "postgres", null);
        exec("DROP TABLE IF EXISTS jdbc_it_route");
        exec("CREATE TABLE jdbc_it_route (id INT PRIMARY KEY, updated_at TIMESTAMPTZ NOT NULL)");
        exec("INSERT INTO jdbc_it_route SELECT g, now() - interval '1 hour' FROM generate_series(1, 100) g");
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("hub")));
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(1));
        CamelContext context = super.createCamelContext();
        context.addComponent("lakehub", new LakehubComponent(ingestor, home.resolve("hub/tmp")));
        JdbcPollerComponent jdbc = new JdbcPollerComponent(catalog::sourcePosition);
        jdbc.bind(
                "orders",
                JdbcSourceSpec.of("orders", PG, "postgres", "pw-not-shown", "jdbc_it_route", List.of("updated_at"))
                        .withLag(Duration.ZERO),
                ORDERS);
        jdbc.bind(
                "orders-compared",
                JdbcSourceSpec.of("orders-compared", PG, "postgres", null, "jdbc_it_route", List.of("updated_at"))
                        .withKey(List.of("id"), true)
                        .withCompareKeys(Duration.ofHours(1)),
                ORDERS);
        context.addComponent("lakehub-jdbc", jdbc);
        return context;
    }

    @AfterEach
    void closeAll() throws SQLException {
        ingestor.close();
        catalog.close();
        exec("DROP TABLE IF EXISTS jdbc_it_route");
        pg.close();
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = pg.createStatement()) {
            s.execute(sql);
        }
    }

    private long rows() {
        return catalog.dataset(ORDERS).map(DatasetInfo::rowCount).orElse(0L);
    }

    @Test
    void anAlwaysOnRoutePollsAndCommitsEachRowOnceWithItsCursor() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("lakehub-jdbc:orders?delay=50&initialDelay=0")
                        .routeId("poll")
                        .to("lakehub:orders?pipeline=orders&sourceSystem=jdbc&actor=test");
            }
        });

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows()).isEqualTo(100));
        exec("INSERT INTO jdbc_it_route SELECT g, now() - interval '1 minute' FROM generate_series(101, 105) g");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(rows()).isEqualTo(105));
        context.getRouteController().stopRoute("poll");

        try (DuckDbSqlEngine sql = new DuckDbSqlEngine(catalog)) {
            assertThat(sql.query("SELECT count(*), count(DISTINCT id) FROM orders")
                            .rows())
                    .containsExactly(List.of(105L, 105L));
        }
        assertThat(catalog.sourcePosition(ORDERS, "position.jdbc.orders"))
                .hasValueSatisfying(p -> assertThat(p).contains("\"value\":105"));
        assertThat(catalog.snapshots(ORDERS))
                .allSatisfy(s -> assertThat(s.toString()).doesNotContain("pw-not-shown"));
    }

    @Test
    void aPollIsOneExchangeCarryingTheSourceAndAnUnboundPipelineIsNamed() {
        Exchange exchange = consumer.receiveNoWait("lakehub-jdbc:orders");
        assertThat(exchange.getMessage().getBody()).isInstanceOf(JdbcSource.class);
        assertThat(exchange.getMessage().getHeader(LakehubConstants.SOURCE_URI, String.class))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test table jdbc_it_route");

        // With deleted: { compare-keys: ... } the poll's source can also list the keys.
        assertThat(consumer.receiveNoWait("lakehub-jdbc:orders-compared")
                        .getMessage()
                        .getBody())
                .isInstanceOfSatisfying(
                        SourceKeys.class,
                        s -> assertThat(s.rows().spec().compareKeys()).isEqualTo(Duration.ofHours(1)));

        assertThatThrownBy(() -> consumer.receiveNoWait("lakehub-jdbc:customers"))
                .hasMessageContaining("No database poller is bound for pipeline 'customers'");
    }
}

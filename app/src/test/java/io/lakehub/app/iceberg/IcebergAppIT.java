package io.lakehub.app.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.iceberg.IcebergPublisher;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every commit of the running hub is published as an Iceberg table in the background (ADR 0039):
 * read back with Iceberg's own generic reader (Hadoop on the test class path only), the tables hold
 * the rows {@code /api/sql} shows, after appends, a schema change, upserts, an erasure and a rebuild;
 * a dropped dataset's table goes.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IcebergAppIT {
    private static final Path HOME = io.lakehub.app.api.TestHomes.create("iceberg");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.pii.hash-key", () -> "iceberg-test-key-0123456789abcdef");
        registry.add("lakehub.iceberg.reconcile-interval", () -> "1s");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    IcebergPublishing publishing;

    int files;

    @Test
    void publishedTablesReadBackAsTheSqlApiShowsThem() throws Exception {
        ingest("events", "append", "id,name,amount\n1,a,1.5\n2,b,2.5\n3,ann,3.5\n");
        ingest("events", "append", "id,name,amount,city\n4,d,4.5,Oslo\n5,ann,5.5,Rome\n");
        // Columns in another order: the files carry the dataset's field ids, which Iceberg maps them by.
        ingest("events", "append", "city,amount,id,name\nBergen,6.5,6,f\n");
        awaitPublished("events");
        assertSame("events", "id", "name", "amount", "city");
        Table published =
                publishing.publisher().icebergCatalog().loadTable(IcebergPublisher.tableId(DatasetName.of("events")));
        assertThat(List.of("id", "name", "amount", "city").stream()
                        .map(c -> published.schema().findField(c).fieldId())
                        .toList())
                .as("stable field ids: the columns' positions in the dataset")
                .containsExactly(1, 2, 3, 4);
        assertThat(icebergRows("events", "id", "city")).hasSize(6).contains(Arrays.asList("1", null));

        ingest("orders", "upsert", "id,status\n1,new\n2,new\n3,new\n");
        ingest("orders", "upsert", "id,status\n2,paid\n3,paid\n3,shipped\n4,new\n");
        awaitPublished("orders");
        assertSame("orders", "id", "status");
        assertThat(sql("SELECT count(*) FROM orders").getFirst().getFirst()).isEqualTo("4");

        // An erasure is published at once as an equality delete on the erased values, then as a replace of
        // the rewritten files; the table exists throughout.
        TableIdentifier events = IcebergPublisher.tableId(DatasetName.of("events"));
        java.util.concurrent.atomic.AtomicInteger missing = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService watch =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        watch.scheduleWithFixedDelay(
                () -> {
                    if (!publishing.publisher().icebergCatalog().tableExists(events)) {
                        missing.incrementAndGet();
                    }
                },
                0,
                5,
                java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            Response erasure = http().post(
                            "/api/datasets/events/erasures",
                            "{\"key_column\": \"name\", \"values\": [\"ann\"], \"reason\": \"test\"}");
            assertThat(erasure.status()).as(erasure.body()).isEqualTo(202);
            long id = erasure.json().path("id").asLong();
            // A reader that opens a file while the erasure rewrites it in place (ADR 0031) can fail once:
            // the table's entry still has the old size until the replace commit.
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .untilAsserted(() -> assertThat(icebergRows("events", "id", "name", "amount", "city"))
                            .isEqualTo(sql("SELECT id, name, amount, city FROM events"))
                            .hasSize(4));
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(http().get("/api/datasets/events/erasures/" + id)
                                    .json()
                                    .path("state")
                                    .asText())
                            .isEqualTo("erased"));
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                Table t = publishing.publisher().icebergCatalog().loadTable(events);
                assertThat(IcebergPublisher.lastPublished(t))
                        .isEqualTo(catalog.dataset(DatasetName.of("events"))
                                .orElseThrow()
                                .currentSnapshotId());
                List<String> operations = new ArrayList<>();
                t.snapshots().forEach(sn -> operations.add(sn.summary().get("lakehub.operation")));
                assertThat(operations).contains("ERASURE", "ERASURE_REWRITE");
                assertThat(icebergRows("events", "id", "name", "amount", "city"))
                        .isEqualTo(sql("SELECT id, name, amount, city FROM events"));
            });
            Table t = publishing.publisher().icebergCatalog().loadTable(events);
            assertThat(t.history().size()).as("history kept, no rebuild").isGreaterThan(2);
        } finally {
            watch.shutdownNow();
        }
        assertThat(missing.get()).as("polls that found no events table").isZero();
        assertThat(icebergRows("events", "id", "name", "amount", "city")).hasSize(4);

        Response rebuilt = http().post("/api/datasets/orders/iceberg/rebuild", "{}");
        assertThat(rebuilt.status()).as(rebuilt.body()).isEqualTo(200);
        JsonNode r = rebuilt.json();
        assertThat(r.path("outcome").asText()).isEqualTo("REBUILT");
        assertThat(r.path("table").asText()).isEqualTo("lakehub.orders");
        assertSame("orders", "id", "status");
        assertThat(http().post("/api/datasets/nothing_here/iceberg/rebuild", "{}")
                        .status())
                .isEqualTo(404);

        assertThat(http().delete("/api/datasets/orders").status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !publishing
                        .publisher()
                        .icebergCatalog()
                        .tableExists(IcebergPublisher.tableId(DatasetName.of("orders"))));
    }

    private HubHttp http() {
        return new HubHttp(port);
    }

    private void ingest(String dataset, String mode, String csv) throws Exception {
        Path file = Files.writeString(HOME.resolveSibling("iceberg-" + dataset + "-" + (++files) + ".csv"), csv);
        String key = mode.equals("upsert") ? ", \"key\": [\"id\"]" : "";
        Response r = http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset
                                + "\", \"mode\": \"" + mode + "\"" + key + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private void awaitPublished(String dataset) {
        DatasetName name = DatasetName.of(dataset);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var iceberg = publishing.publisher().icebergCatalog();
            if (!iceberg.tableExists(IcebergPublisher.tableId(name))) {
                return false;
            }
            Table t = iceberg.loadTable(IcebergPublisher.tableId(name));
            Long last = IcebergPublisher.lastPublished(t);
            return last != null
                    && last.equals(catalog.dataset(name).orElseThrow().currentSnapshotId());
        });
    }

    private void assertSame(String dataset, String... columns) throws Exception {
        assertThat(icebergRows(dataset, columns))
                .isEqualTo(sql("SELECT " + String.join(", ", columns) + " FROM " + dataset))
                .isNotEmpty();
    }

    private List<List<Object>> sql(String query) throws Exception {
        Response r = http().post("/api/sql", JSON.writeValueAsString(java.util.Map.of("sql", query)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : r.json().path("rows")) {
            List<Object> values = new ArrayList<>();
            row.forEach(v -> values.add(normal(v.isNull() ? null : v.isNumber() ? v.numberValue() : v.asText())));
            rows.add(values);
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    private List<List<Object>> icebergRows(String dataset, String... columns) throws Exception {
        Table table =
                publishing.publisher().icebergCatalog().loadTable(IcebergPublisher.tableId(DatasetName.of(dataset)));
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            for (Record rec : records) {
                List<Object> row = new ArrayList<>();
                for (String c : columns) {
                    Object v = rec.getField(c);
                    row.add(normal(v instanceof CharSequence s ? s.toString() : v));
                }
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparing(Object::toString));
        return rows;
    }

    /** Numbers compared by value, whatever their Java type. */
    private static Object normal(Object v) {
        return v instanceof Number n
                ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
                : v;
    }
}

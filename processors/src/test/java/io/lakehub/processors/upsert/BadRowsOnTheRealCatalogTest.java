package io.lakehub.processors.upsert;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.BadRowPolicy;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad rows and files without rows on the embedded catalog and DuckDB, through the hub's planner
 * (appends and upserts): the rejects dataset is a view like any other, and a dataset created from
 * a file without rows has its columns (never the hidden upsert columns) and no rows.
 */
class BadRowsOnTheRealCatalogTest {
    static final DatasetName ORDERS = DatasetName.of("orders");
    /**
     * The dialect is given: the files here are too small and too ragged for detection to be the
     * subject (with it, "id,amount / 1 / 2,3,4" has no consistent run of rows to find a header in).
     */
    static final ReadOptions CSV = new ReadOptions(Format.CSV, ',', '"', null, true, Map.of(), 0);

    @TempDir
    Path home;

    JdbcCatalog catalog;
    Ingestor ingestor;
    DuckDbSqlEngine sql;
    int files;

    EmbeddedLake lake;

    @BeforeEach
    void setUp() {
        lake = EmbeddedLake.open(home);
        catalog = lake.catalog();
        ingestor = lake.ingestor();
        sql = lake.sql();
    }

    @AfterEach
    void tearDown() {
        lake.close();
    }

    IngestResult ingest(String csv, IngestMode mode, BadRowPolicy policy) throws IOException {
        return ingest(csv, mode, policy, CSV);
    }

    IngestResult ingest(String csv, IngestMode mode, BadRowPolicy policy, ReadOptions options) throws IOException {
        Path f = Files.writeString(
                Files.createDirectories(home.resolve("in")).resolve("orders-" + (++files) + ".csv"), csv);
        return ingestor.ingest(IngestRequest.builder(ORDERS)
                .file(f)
                .options(options)
                .sourceSystem("test")
                .actor("tester")
                .mode(mode)
                .key(mode == IngestMode.UPSERT ? List.of("id") : List.of())
                .badRows(policy)
                .build());
    }

    @Test
    void theRejectsOfAnAppendAreAViewSqlReads() throws IOException {
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 1000; i++) {
            csv.append(i).append(',').append(i).append(i == 400 ? ",9\n" : "\n");
        }

        IngestResult result = ingest(csv.toString(), IngestMode.APPEND, BadRowPolicy.UNSET);

        assertThat(result.badRows()).isEqualTo(1);
        assertThat(sql.query("SELECT count(*) FROM orders").rows()).containsExactly(List.of(999L));
        assertThat(sql.query("SELECT line_number, raw_line FROM \"orders__rejects\"")
                        .rows())
                .containsExactly(List.of(401L, "400,400,9"));
    }

    @Test
    void anUpsertWithBadRowsMergesTheGoodOnesAndRejectsTheOthers() throws IOException {
        ingest("id,amount\n1,10\n2,20\n", IngestMode.UPSERT, BadRowPolicy.UNSET);

        IngestResult result = ingest("id,amount\n2,21\n3\n4,40\n", IngestMode.UPSERT, BadRowPolicy.parse(null, "50%"));

        assertThat(result.outcome()).isEqualTo(IngestResult.Outcome.COMMITTED);
        assertThat(result.badRows()).isEqualTo(1);
        assertThat(sql.query("SELECT id, amount FROM orders ORDER BY id").rows())
                .containsExactly(List.of(1, 10), List.of(2, 21), List.of(4, 40));
        assertThat(sql.query("SELECT line_number, raw_line FROM orders__rejects")
                        .rows())
                .containsExactly(List.of(3L, "3"));
    }

    @Test
    void aFileWithoutGoodRowsCreatesTheDatasetWithItsColumnsForAppendsAndUpserts() throws IOException {
        for (IngestMode mode : IngestMode.values()) {
            DatasetName dataset = ORDERS;
            catalog.drop(dataset, "tester");
            catalog.drop(DatasetName.of("orders__rejects"), "tester");

            // Every row is bad: amount is declared an int and holds none.
            IngestResult result = ingest(
                    "id,amount\n1,x\n2,y\n",
                    mode,
                    BadRowPolicy.parse(null, "100%"),
                    CSV.withTypeOverrides(Map.of("amount", LakeType.INT)));

            assertThat(result.outcome()).as(mode.name()).isEqualTo(IngestResult.Outcome.COMMITTED);
            assertThat(result.rows()).isZero();
            assertThat(catalog.dataset(dataset).orElseThrow().schema().names())
                    .as(mode.name())
                    .containsExactly("id", "amount");
            assertThat(sql.query("SELECT id, amount FROM orders").rows())
                    .as(mode.name())
                    .isEmpty();
            assertThat(sql.query("SELECT count(*) FROM orders__rejects").rows()).containsExactly(List.of(2L));
        }
    }
}

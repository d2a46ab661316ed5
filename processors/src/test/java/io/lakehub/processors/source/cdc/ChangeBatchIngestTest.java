package io.lakehub.processors.source.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change batches upserted on the real catalog: inserts, updates and deletes by key, the delete flag
 * consumed (never a column of the dataset), the position committed with the rows, and a batch
 * applied twice (a replay after a crash) leaving the dataset as it was.
 */
class ChangeBatchIngestTest {
    private static final DatasetName ORDERS = DatasetName.of("orders");
    private static final LakeSchema SCHEMA = new LakeSchema(List.of(
            new LakeField("id", LakeType.INT, true),
            new LakeField("name", LakeType.STRING, true),
            LakeField.decimal("amount", 10, 2),
            new LakeField(CdcSourceSpec.DELETED_COLUMN, LakeType.BOOLEAN, true)));

    @TempDir
    Path home;

    private EmbeddedLake lake;

    @BeforeEach
    void open() {
        lake = EmbeddedLake.open(home);
    }

    @AfterEach
    void close() {
        lake.close();
    }

    private IngestResult apply(String position, Object[]... rows) {
        ChangeBatch batch = new ChangeBatch(SCHEMA, List.of(rows), Map.of("position.cdc.orders", position), 2);
        return lake.ingestor()
                .ingest(IngestRequest.builder(ORDERS)
                        .source(batch)
                        .sourceSystem("cdc")
                        .actor("test")
                        .pipeline("orders")
                        .mode(IngestMode.UPSERT)
                        .key(List.of("id"))
                        .deletedColumn(CdcSourceSpec.DELETED_COLUMN)
                        .build());
    }

    private static Object[] row(int id, String name, String amount, boolean deleted) {
        return new Object[] {id, name, amount == null ? null : new BigDecimal(amount), deleted};
    }

    @Test
    void insertsUpdatesAndDeletesLandByKeyAndAReplayChangesNothing() {
        apply("{\"lsn\":1}", row(1, "a", "1.50", false), row(2, "b", "2.00", false), row(3, "c", null, false));
        Object[][] second = {
            row(2, "b2", "2.50", false),
            row(3, null, null, true),
            row(4, "d", "4.00", false),
            row(4, "d2", "4.25", false)
        };
        apply("{\"lsn\":2}", second);

        List<List<Object>> expected = List.of(
                List.of(1, "a", new BigDecimal("1.50")),
                List.of(2, "b2", new BigDecimal("2.50")),
                List.of(4, "d2", new BigDecimal("4.25")));
        assertThat(lake.sql()
                        .query("SELECT id, name, amount FROM orders ORDER BY id")
                        .rows())
                .isEqualTo(expected);
        assertThat(lake.sql().query("SELECT * FROM orders").columns())
                .extracting(c -> c.name())
                .containsExactly("id", "name", "amount");
        assertThat(lake.catalog().dataset(ORDERS).orElseThrow().schema().names())
                .containsExactly("id", "name", "amount");
        assertThat(lake.catalog().snapshots(ORDERS).getFirst())
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows)
                .containsExactly(1L, 1L, 1L);
        assertThat(lake.catalog().sourcePosition(ORDERS, "position.cdc.orders")).hasValue("{\"lsn\":2}");

        // The same changes read again after a crash before the engine heard of the commit: no effect.
        apply("{\"lsn\":2}", second);
        assertThat(lake.sql()
                        .query("SELECT id, name, amount FROM orders ORDER BY id")
                        .rows())
                .isEqualTo(expected);

        // Compaction between batches keeps the decimal column's type (DECIMAL(10,2), not a bare DECIMAL).
        assertThat(new Compactor(lake.catalog(), ParquetWriteOptions.defaults(), CompactionThresholds.defaults())
                        .compact(ORDERS))
                .isPresent();
        assertThat(lake.sql()
                        .query("SELECT id, name, amount FROM orders ORDER BY id")
                        .rows())
                .isEqualTo(expected);
    }
}

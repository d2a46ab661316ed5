package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parquet files with decimal, time, timestamp-without-zone, UUID and list columns land in the lake
 * as those types (schema, catalog and the written files), and later files merge by the schema
 * evolution rules for them.
 */
class TypedParquetIngestTest {
    static final DatasetName ORDERS = DatasetName.of("orders");
    static final ReadOptions PARQUET = ReadOptions.detect().withFormat(Format.PARQUET);

    @TempDir
    Path tmp;

    Path lake;
    InMemoryCatalog catalog;
    Ingestor ingestor;

    @BeforeEach
    void setUp() throws IOException {
        lake = Files.createDirectories(tmp.resolve("lake"));
        catalog = new InMemoryCatalog(lake);
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
    }

    private Path parquet(String name, String select) throws SQLException {
        Path file = tmp.resolve(name);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
        }
        return file;
    }

    private IngestResult ingest(Path file) {
        return ingestor.ingest(IngestRequest.of(ORDERS, file, PARQUET, "inbox", "tester"));
    }

    @Test
    void aParquetFileLandsWithItsTypesAndLaterFilesWidenDecimals() throws Exception {
        IngestResult first = ingest(parquet(
                "1.parquet",
                "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID id, -1234.56::DECIMAL(10,2) amount,"
                        + " TIME '08:30:00' opens, TIMESTAMP '1960-02-29 12:00:00.5' placed,"
                        + " ['x', NULL]::VARCHAR[] tags, [0.5, NULL]::DECIMAL(4,1)[] parts"
                        + " UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, []"));

        LakeSchema expected = LakeSchema.of(
                LakeField.nullable("id", LakeType.UUID),
                LakeField.decimal("amount", 10, 2),
                LakeField.nullable("opens", LakeType.TIME),
                LakeField.nullable("placed", LakeType.LOCAL_TIMESTAMP),
                LakeField.list("tags", LakeType.STRING),
                LakeField.list("parts", LakeField.decimal("element", 4, 1)));
        assertThat(catalog.dataset(ORDERS).orElseThrow().schema()).isEqualTo(expected);
        assertThat(first.schemaChanges())
                .containsExactly(
                        "added column id (uuid)",
                        "added column amount (decimal(10,2))",
                        "added column opens (time)",
                        "added column placed (timestamp_ntz)",
                        "added column tags (list<string>)",
                        "added column parts (list<decimal(4,1)>)");
        Path written = lake.resolve(first.files().getFirst());
        assertThat(DuckDb.types(written))
                .containsAllEntriesOf(Map.of(
                        "id", "UUID",
                        "amount", "DECIMAL(10,2)",
                        "opens", "TIME",
                        "placed", "TIMESTAMP",
                        "tags", "VARCHAR[]",
                        "parts", "DECIMAL(4,1)[]"));
        assertThat(DuckDb.query("SELECT id::VARCHAR, amount, opens::VARCHAR, placed::VARCHAR, tags::VARCHAR,"
                        + " parts::VARCHAR FROM read_parquet('" + written + "')"))
                .containsExactly(
                        List.of(
                                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
                                new BigDecimal("-1234.56"),
                                "08:30:00",
                                "1960-02-29 12:00:00.5",
                                "[x, NULL]",
                                "[0.5, NULL]"),
                        Arrays.asList(null, null, null, null, null, "[]"));

        // A wider decimal widens the column to the decimal holding both; the file is read as that type.
        IngestResult second = ingest(parquet(
                "2.parquet",
                "SELECT NULL::UUID id, 123456789012.3456::DECIMAL(16,4) amount, NULL::TIME opens,"
                        + " NULL::TIMESTAMP placed, NULL::VARCHAR[] tags, NULL::DECIMAL(4,1)[] parts"));
        assertThat(second.schemaChanges()).containsExactly("widened column amount from decimal(10,2) to decimal(16,4)");
        assertThat(DuckDb.query("SELECT amount FROM read_parquet('"
                        + lake.resolve(second.files().getFirst()) + "')"))
                .containsExactly(List.of(new BigDecimal("123456789012.3456")));

        // A list of another element type is refused, naming the column and both types.
        Path other = parquet(
                "3.parquet",
                "SELECT NULL::UUID id, 1::DECIMAL(10,2) amount, NULL::TIME opens, NULL::TIMESTAMP placed,"
                        + " [1, 2] tags, NULL::DECIMAL(4,1)[] parts");
        assertThatThrownBy(() -> ingest(other))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("Column 'tags' of dataset 'orders' is list<string>")
                .hasMessageContaining("list<int>")
                .hasMessageContaining("Nothing was written");
    }
}

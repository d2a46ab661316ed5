package io.lakehub.processors.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestRefusedException;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestResult;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DuckDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hive partition folders as columns, through the real ingest (embedded catalog, Parquet, DuckDB reading it). */
class PartitionColumnsStepTest {
    private static final DatasetName SALES = DatasetName.of("sales");

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private Ingestor ingestor;

    @BeforeEach
    void setUp() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
        catalog.close();
    }

    private IngestResult ingest(String name, String content, Map<String, String> partitions) throws IOException {
        Path file =
                Files.writeString(Files.createDirectories(home.resolve("in")).resolve(name), content);
        return ingestor.ingest(IngestRequest.builder(SALES)
                .file(file)
                // Two rows per batch: the constant columns are filled for every batch, not only the first.
                .options(ReadOptions.detect().withBatchRows(2))
                .sourceSystem("test")
                .actor("tester")
                .steps(List.of(PartitionColumnsStep.definition(partitions)))
                .build());
    }

    private List<List<Object>> lake(String select) {
        return DuckDb.query(select.replace("$lake", "read_parquet('" + catalog.datasetDir(SALES) + "/*.parquet')"));
    }

    @Test
    void partitionFoldersBecomeTypedColumnsOfEveryRow() throws IOException {
        ingest("a.csv", "id,amount\n1,9.5\n2,3\n3,4\n", partitions("year=2024", "month=1", "day=2024-01-31"));
        IngestResult second = ingest("b.csv", "id,amount\n4,1\n", partitions("year=2025", "month=2", "day=2025-02-01"));

        assertThat(second.rows()).isEqualTo(1);
        assertThat(catalog.dataset(SALES).orElseThrow().schema().fields())
                .extracting(LakeField::name, LakeField::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("id", LakeType.INT),
                        org.assertj.core.groups.Tuple.tuple("amount", LakeType.DOUBLE),
                        org.assertj.core.groups.Tuple.tuple("year", LakeType.INT),
                        org.assertj.core.groups.Tuple.tuple("month", LakeType.INT),
                        org.assertj.core.groups.Tuple.tuple("day", LakeType.DATE));
        assertThat(lake("SELECT id, year, month, CAST(day AS VARCHAR) FROM $lake WHERE year = 2024 ORDER BY id"))
                .containsExactly(
                        List.of(1, 2024, 1, "2024-01-31"),
                        List.of(2, 2024, 1, "2024-01-31"),
                        List.of(3, 2024, 1, "2024-01-31"));
        assertThat(lake("SELECT count(*) FROM $lake WHERE year = 2025 AND month = 2"))
                .containsExactly(List.of(1L));
        assertThat(catalog.snapshots(SALES).getFirst().properties())
                .containsEntry("step.partition-columns.columns", "year,month,day");
    }

    @Test
    void aLeadingZeroKeepsTheValueAStringAndHivesNullFolderIsNull() throws IOException {
        ingest(
                "a.csv",
                "id\n1\n",
                partitions("month=01", "region=" + PartitionColumnsStep.HIVE_NULL, "city=New%20York"));

        assertThat(lake("SELECT month, region, city FROM $lake"))
                .containsExactly(java.util.Arrays.asList("01", null, "New York"));
    }

    @Test
    void aKeyThatIsAlsoAColumnOfTheFileIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ingest("a.csv", "id,Year\n1,1999\n", partitions("year=2024")))
                .isInstanceOf(IngestRefusedException.class)
                .hasMessageContaining("a.csv")
                .hasMessageContaining("column 'Year' is both in the file and a partition folder ('year=...')")
                .hasMessageContaining("Nothing was written");
        assertThat(catalog.dataset(SALES)).isEmpty();
    }

    @Test
    void foldersAreParsedAsKeyEqualsValue() {
        assertThat(PartitionColumnsStep.parseFolder("year=2024")).contains(new SimpleImmutableEntry<>("year", "2024"));
        assertThat(PartitionColumnsStep.parseFolder("k=a=b")).contains(new SimpleImmutableEntry<>("k", "a=b"));
        assertThat(PartitionColumnsStep.parseFolder("k=a+b%2Fc")).contains(new SimpleImmutableEntry<>("k", "a+b/c"));
        assertThat(PartitionColumnsStep.parseFolder("k=")).contains(new SimpleImmutableEntry<>("k", null));
        assertThat(PartitionColumnsStep.parseFolder("=2024")).isEmpty();
        assertThat(PartitionColumnsStep.parseFolder("2024")).isEmpty();
        assertThat(PartitionColumnsStep.parseFolder(".processed")).isEmpty();

        assertThatThrownBy(() -> PartitionColumnsStep.fromFolders(List.of("year=2024", "sub")))
                .hasMessageContaining("folder 'sub' is not a partition folder (key=value)");
        assertThatThrownBy(() -> PartitionColumnsStep.fromFolders(List.of("year=2024", "YEAR=2025")))
                .hasMessageContaining("'year=2024' and 'YEAR=2025' name the same column");
    }

    private static Map<String, String> partitions(String... folders) {
        return new LinkedHashMap<>(PartitionColumnsStep.fromFolders(List.of(folders)));
    }
}

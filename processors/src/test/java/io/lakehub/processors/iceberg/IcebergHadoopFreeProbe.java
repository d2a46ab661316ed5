package io.lakehub.processors.iceberg;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;

/**
 * Upserts into a dataset twice and publishes it as an Iceberg table (data files, equality and position
 * delete files); {@link IcebergHadoopFreeTest} runs it in a class loader without any Hadoop jar.
 */
public final class IcebergHadoopFreeProbe {
    private IcebergHadoopFreeProbe() {}

    public static String run(Path home) throws Exception {
        // Register the drivers of this class loader (DriverManager only hands a caller its own loader's).
        Class.forName("org.h2.Driver");
        Class.forName("org.duckdb.DuckDBDriver");
        DatasetName orders = DatasetName.of("orders");
        try (EmbeddedLake lake = EmbeddedLake.open(home)) {
            int n = 0;
            for (String csv : List.of("id,status\n1,new\n2,new\n", "id,status\n2,paid\n3,new\n3,paid\n")) {
                Path f = Files.writeString(
                        Files.createDirectories(home.resolve("in")).resolve("o" + (++n) + ".csv"), csv);
                lake.ingestor()
                        .ingest(IngestRequest.builder(orders)
                                .file(f)
                                .options(ReadOptions.detect().withFormat(Format.CSV))
                                .sourceSystem("test")
                                .actor("tester")
                                .mode(IngestMode.UPSERT)
                                .key(List.of("id"))
                                .build());
            }
            CatalogSettings s = CatalogSettings.embedded(home);
            try (IcebergPublisher p = new IcebergPublisher(lake.catalog(), s.jdbcUrl(), s.username(), s.password())) {
                p.publish(orders);
                Table t = p.icebergCatalog().loadTable(IcebergPublisher.tableId(orders));
                Map<String, String> summary = t.currentSnapshot().summary();
                return summary.get("total-data-files") + " data files, " + summary.get("total-delete-files")
                        + " delete files";
            }
        }
    }
}

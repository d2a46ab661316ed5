package io.lakehub.processors.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.iceberg.IcebergPublisher.Outcome;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iceberg's JDBC catalog on the PostgreSQL catalog (default {@code 127.0.0.1:5432/test}), in a schema
 * of its own (dropped afterwards): the catalog tables of migration V11 are used, two publishers in a
 * row (a restarted hub) open it, and an upsert dataset reads back.
 */
class IcebergPublisherPostgresIT {
    private static final String URL =
            System.getProperty("lakehub.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("lakehub.it.postgres.user", "postgres");
    private static final String PASSWORD = System.getProperty("lakehub.it.postgres.password", "");

    @TempDir
    Path home;

    @Test
    void publishesIntoTheCatalogsOwnSchema() throws Exception {
        // A name, not test data: it must differ between concurrent runs, so it is not seeded.
        String schema =
                "lakehub_ice_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE SCHEMA " + schema);
        try {
            String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            CatalogSettings settings = new CatalogSettings(url, USER, PASSWORD, home.resolve("lake"), 4);
            DatasetName orders = DatasetName.of("orders");
            try (JdbcCatalog catalog = JdbcCatalog.open(settings);
                    Ingestor ingestor = new Ingestor(
                            catalog,
                            IngestSettings.defaults().withWriterThreads(2),
                            dataset -> null,
                            new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()))) {
                int n = 0;
                for (String csv : List.of("id,status\n1,new\n2,new\n", "id,status\n2,paid\n3,new\n")) {
                    Path f = Files.writeString(home.resolve("o" + (++n) + ".csv"), csv);
                    ingestor.ingest(IngestRequest.builder(orders)
                            .file(f)
                            .options(ReadOptions.detect().withFormat(Format.CSV))
                            .sourceSystem("test")
                            .actor("tester")
                            .mode(IngestMode.UPSERT)
                            .key(List.of("id"))
                            .build());
                }
                try (IcebergPublisher p = new IcebergPublisher(catalog, url, USER, PASSWORD)) {
                    assertThat(p.publish(orders).outcome()).isEqualTo(Outcome.PUBLISHED);
                }
                try (IcebergPublisher p = new IcebergPublisher(catalog, url, USER, PASSWORD)) {
                    assertThat(p.publish(orders).outcome()).isEqualTo(Outcome.UP_TO_DATE);
                    Table table = p.icebergCatalog().loadTable(IcebergPublisher.tableId(orders));
                    List<String> rows = new ArrayList<>();
                    try (CloseableIterable<Record> records =
                            IcebergGenerics.read(table).build()) {
                        records.forEach(r -> rows.add(r.getField("id") + "=" + r.getField("status")));
                    }
                    assertThat(rows).containsExactlyInAnyOrder("1=new", "2=paid", "3=new");
                }
            }
            try (Connection c = DriverManager.getConnection(url, USER, PASSWORD);
                    Statement s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM " + schema + ".iceberg_tables")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        } finally {
            admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

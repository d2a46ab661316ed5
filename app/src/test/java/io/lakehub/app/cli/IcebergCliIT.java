package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.app.hub.DefaultHubBackends;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.iceberg.IcebergPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lakehub iceberg rebuild NAME} on a home no hub holds: the table is published from the
 * Lakehub catalog and Iceberg's own reader finds the dataset's rows; an unknown dataset exits 1.
 */
class IcebergCliIT {
    @TempDir
    Path temp;

    private final CliRunner cli = new CliRunner(new DefaultHubBackends(), Duration.ofSeconds(10));

    @Test
    void rebuildPublishesTheDatasetFromTheCatalog() throws Exception {
        String home = temp.resolve("home").toString();
        Path csv = Files.writeString(temp.resolve("people.csv"), "id,name\n1,Ada\n2,Grace\n");
        assertThat(cli.run("--home", home, "ingest", csv.toString(), "--dataset", "people")
                        .code())
                .isZero();

        var rebuilt = cli.run("--home", home, "iceberg", "rebuild", "people");

        assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).isEqualTo("rebuilt Iceberg table lakehub.people (1 snapshots)\n");
        var unknown = cli.run("--home", home, "iceberg", "rebuild", "nobody");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("nobody");

        CatalogSettings settings = CatalogSettings.embedded(Path.of(home));
        try (JdbcCatalog catalog = JdbcCatalog.open(settings);
                IcebergPublisher publisher =
                        new IcebergPublisher(catalog, settings.jdbcUrl(), settings.username(), settings.password())) {
            Table table = publisher.icebergCatalog().loadTable(IcebergPublisher.tableId(DatasetName.of("people")));
            List<String> names = new ArrayList<>();
            try (CloseableIterable<Record> rows = IcebergGenerics.read(table).build()) {
                rows.forEach(r -> names.add(r.getField("name").toString()));
            }
            assertThat(names).containsExactlyInAnyOrder("Ada", "Grace");
        }
    }
}

package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.testing.DamagedParquet;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sources taken from other projects' test files, on the real back ends (embedded H2 catalog,
 * DuckDB, the ingest pipeline): a header with a NUL byte and damaged Parquet files are refused with
 * a 400 naming the file, nothing is written, and SQL keeps working; a dataset committed with such a
 * column by an older hub fails only its own queries and can be dropped.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadSourcesApiIT {
    private static final Path HOME = TestHomes.create("bad-sources");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Test
    void aCsvHeaderWithANulByteIsCleanedAndAJsonKeyWithOneIsRefusedNamingFileAndColumn() throws Exception {
        // A CSV header cell: the reader drops the NUL (read.columnNamesCleaned), the file is read.
        Path csv = Files.writeString(HOME.resolveSibling("nul-header.csv"), "id,col\u0000 2\n1,a\n2,b\n");
        assertThat(ingest(csv, "nul_header").status()).isEqualTo(200);
        assertThat(sql("SELECT \"col 2\" FROM nul_header ORDER BY id")
                        .json()
                        .path("rows")
                        .get(1)
                        .get(0)
                        .asText())
                .isEqualTo("b");

        // A JSON key that spells the NUL out is refused before anything is written.
        Path json = Files.writeString(
                HOME.resolveSibling("nul-key.ndjson"),
                "{\"id\":1,\"col\\u0000 2\":\"a\"}\n{\"id\":2,\"col\\u0000 2\":\"b\"}\n");
        Response refused = ingest(json, "nul_key");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error())
                .startsWith(json + ": ")
                .contains("Column name 'col\\u0000 2'")
                .contains("control character")
                .endsWith("Nothing was written.")
                .doesNotContain("\u0000");
        assertThat(http().get("/api/datasets/nul_key").status()).isEqualTo(404);
        assertThat(filesUnder("nul_key")).isEmpty();
        assertThat(sql("SELECT 42").status()).isEqualTo(200);
        assertThat(auditActions()).contains("ingest.refused");
    }

    @Test
    void damagedParquetFilesAreRefusedWith400NamingTheFileAndNothingIsWritten() throws Exception {
        for (DamagedParquet.Damage damage : DamagedParquet.Damage.values()) {
            Path file = DamagedParquet.damaged(Files.createDirectories(HOME.resolveSibling("damaged")), damage);
            String dataset = "damaged_" + damage.ordinal();

            Response refused = ingest(file, dataset);

            assertThat(refused.status()).as(damage + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.error())
                    .as(damage.name())
                    .startsWith(file + ": ")
                    .doesNotContain("Internal error");
            assertThat(http().get("/api/datasets/" + dataset).status()).isEqualTo(404);
            assertThat(filesUnder(dataset)).isEmpty();
        }
        Path valid = DamagedParquet.valid(HOME.resolveSibling("damaged"), "valid.parquet");
        assertThat(ingest(valid, "undamaged").status()).isEqualTo(200);
        assertThat(sql("SELECT count(*) FROM undamaged")
                        .json()
                        .path("rows")
                        .get(0)
                        .get(0)
                        .asLong())
                .isEqualTo(DamagedParquet.ROWS);
    }

    @Test
    void aDatasetAnOlderHubCommittedWithABadColumnFailsOnlyItsOwnQueriesAndCanBeDropped() throws Exception {
        assertThat(ingest(Files.writeString(HOME.resolveSibling("legacy.csv"), "id,col 2\n1,a\n"), "legacy")
                        .status())
                .isEqualTo(200);
        assertThat(ingest(Files.writeString(HOME.resolveSibling("good.csv"), "id\n7\n"), "good")
                        .status())
                .isEqualTo(200);
        // As a hub before the column-name check would have recorded it.
        JdbcCatalog jdbc = (JdbcCatalog) catalog;
        try (Connection c = DriverManager.getConnection(
                        jdbc.settings().jdbcUrl(),
                        jdbc.settings().username(),
                        jdbc.settings().password());
                PreparedStatement ps = c.prepareStatement("UPDATE schema_version SET schema_json ="
                        + " REPLACE(schema_json, '\"col 2\"', '\"col\\u0000 2\"')"
                        + " WHERE dataset_id = (SELECT id FROM dataset WHERE name = 'legacy')")) {
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        // A new snapshot, so that the engine builds the view from the damaged schema.
        assertThat(ingest(Files.writeString(HOME.resolveSibling("legacy2.csv"), "id\n2\n"), "legacy")
                        .status())
                .isEqualTo(200);

        assertThat(sql("SELECT 42").json().path("rows").get(0).get(0).asInt()).isEqualTo(42);
        assertThat(sql("SELECT id FROM good").json().path("rows").get(0).get(0).asInt())
                .isEqualTo(7);
        Response broken = sql("SELECT * FROM legacy");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.error())
                .contains("Dataset legacy cannot be queried")
                .contains("'col\\u0000 2' contains a control character")
                .contains("lakehub drop legacy");

        Response dropped = http().send(HttpRequest.newBuilder(http().uri("/api/datasets/legacy"))
                .DELETE()
                .build());
        assertThat(dropped.status()).isEqualTo(204);
        assertThat(filesUnder("legacy")).isEmpty();
        Response gone = sql("SELECT * FROM legacy");
        assertThat(gone.status()).isEqualTo(400);
        assertThat(gone.error()).doesNotContain("control character");
        assertThat(sql("SELECT 42").status()).isEqualTo(200);
        assertThat(auditActions()).contains("dataset.drop");

        assertThat(ingest(Files.writeString(HOME.resolveSibling("legacy3.csv"), "id,col_2\n3,c\n"), "legacy")
                        .status())
                .isEqualTo(200);
        assertThat(sql("SELECT id, col_2 FROM legacy").json().path("rows"))
                .singleElement()
                .satisfies(row -> assertThat(row.get(1).asText()).isEqualTo("c"));
        assertThat(http().get("/api/audit/verify").json().path("intact").asBoolean())
                .isTrue();
    }

    // ----

    private List<String> filesUnder(String dataset) throws IOException {
        Path dir = catalog.lakeRoot().resolve(dataset);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }

    private List<String> auditActions() throws Exception {
        return http().get("/api/audit?limit=20").json().path("events").findValuesAsText("action");
    }

    private Response ingest(Path file, String dataset) throws Exception {
        return http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset
                                + "\"}");
    }

    private Response sql(String sql) throws Exception {
        return http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}

package io.lakehub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehub.app.LakehubApplication;
import io.lakehub.app.testing.HubHttp;
import io.lakehub.app.testing.HubHttp.Response;
import io.lakehub.catalog.Catalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code on_bad_rows} through {@code POST /api/ingest} on the real back ends (embedded H2 catalog,
 * DuckDB, the ingest pipeline): the good rows land, the bad one is queryable in {@code
 * <dataset>__rejects}, too many bad rows write nothing, the dataset settings apply, and an empty
 * file is a success.
 */
@SpringBootTest(classes = LakehubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRowsApiIT {
    private static final Path HOME = TestHomes.create("bad-rows");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("lakehub.home", HOME::toString);
        registry.add("lakehub.inbox.enabled", () -> "false");
        registry.add("lakehub.datasets.strict.on-bad-rows", () -> "fail");
        // Relaxed binding: the pipeline spelling works for a dataset too.
        registry.add("lakehub.datasets.lenient.on_bad_rows", () -> "skip");
        registry.add("lakehub.datasets.lenient.max_bad_rows", () -> "50%");
    }

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    /** {@code rows} data rows; the rows numbered in {@code ragged} have a fourth field. */
    private static Path orders(String name, int rows, int... ragged) throws IOException {
        StringBuilder sb = new StringBuilder("id,customer,amount\n");
        for (int i = 1; i <= rows; i++) {
            sb.append(i).append(",c").append(i % 7).append(',').append(i).append(".25");
            for (int r : ragged) {
                if (r == i) {
                    sb.append(",oops");
                }
            }
            sb.append('\n');
        }
        return Files.writeString(HOME.resolveSibling(name), sb.toString());
    }

    @Test
    void oneBadRowInAThousandLandsInTheRejectsDatasetWhichSqlReads() throws Exception {
        Path csv = orders("orders-1000.csv", 1000, 321);

        Response ingested = ingest(csv, "orders", "");

        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        JsonNode outcome = ingested.json();
        assertThat(outcome.path("outcome").asText()).isEqualTo("committed");
        assertThat(outcome.path("rows").asLong()).isEqualTo(999);
        assertThat(outcome.path("bad_rows").asLong()).isEqualTo(1);
        assertThat(outcome.path("rejects_dataset").asText()).isEqualTo("orders__rejects");

        assertThat(rows("SELECT count(*), sum(id) FROM orders").get(0).get(1).asLong())
                .isEqualTo(500_500 - 321);
        JsonNode rejects = rows("SELECT source_file, line_number, reason, raw_line, ingested_at IS NOT NULL"
                + " FROM \"orders__rejects\"");
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).get(0).asText()).isEqualTo(csv.toString());
        assertThat(rejects.get(0).get(1).asLong()).isEqualTo(322);
        assertThat(rejects.get(0).get(2).asText()).isEqualTo("the row has 4 fields but the file has 3 columns");
        assertThat(rejects.get(0).get(3).asText()).isEqualTo("321,c6,321.25,oops");
        assertThat(rejects.get(0).get(4).asBoolean()).isTrue();

        JsonNode snapshot = http().get("/api/datasets/orders").json();
        assertThat(snapshot.toString()).contains("read.badRows");
        assertThat(auditDetails("dataset.commit"))
                .anySatisfy(d ->
                        assertThat(d).contains("\"bad_rows\":1").contains("\"rejects_dataset\":\"orders__rejects\""));

        Response again = ingest(csv, "orders", "");
        assertThat(again.json().path("outcome").asText()).isEqualTo("duplicate");
        assertThat(rows("SELECT count(*) FROM orders__rejects").get(0).get(0).asLong())
                .isEqualTo(1);
    }

    @Test
    void moreBadRowsThanTheLimitAre400AndWriteNeitherDataset() throws Exception {
        Path csv = orders("orders-many-bad.csv", 1000, 5, 50, 500, 600, 700, 800, 900, 950, 990, 995, 999);

        Response refused = ingest(csv, "refused_orders", "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error())
                .isEqualTo(csv + ": 11 of 1000 rows are bad (1.10%), more than max_bad_rows 1% allows"
                        + " (on_bad_rows rejects); the first bad row is line 6: the row has 4 fields but the file"
                        + " has 3 columns. Nothing was written.");
        assertThat(http().get("/api/datasets/refused_orders").status()).isEqualTo(404);
        assertThat(http().get("/api/datasets/refused_orders__rejects").status()).isEqualTo(404);
        assertThat(filesUnder("refused_orders")).isEmpty();
        assertThat(filesUnder("refused_orders__rejects")).isEmpty();

        // The request may allow more.
        Response allowed = ingest(csv, "refused_orders", ", \"max_bad_rows\": \"2%\"");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().path("bad_rows").asLong()).isEqualTo(11);
    }

    @Test
    void theDatasetSettingsApplyAndTheRequestWins() throws Exception {
        Path csv = orders("settings.csv", 10, 3);

        Response strict = ingest(csv, "strict", "");
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.error()).contains("line 4 has 4 fields but the file has 3 columns");

        Response lenient = ingest(csv, "lenient", "");
        assertThat(lenient.status()).as(lenient.body()).isEqualTo(200);
        assertThat(lenient.json().path("bad_rows").asLong()).isEqualTo(1);
        assertThat(lenient.json().path("rejects_dataset").isNull()).isTrue();
        assertThat(http().get("/api/datasets/lenient__rejects").status()).isEqualTo(404);

        Response overridden = ingest(csv, "strict", ", \"on_bad_rows\": \"rejects\", \"max_bad_rows\": \"1\"");
        assertThat(overridden.status()).as(overridden.body()).isEqualTo(200);
        assertThat(overridden.json().path("rejects_dataset").asText()).isEqualTo("strict__rejects");

        Response invalid = ingest(csv, "strict", ", \"on_bad_rows\": \"ignore\"");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error()).contains("on_bad_rows 'ignore' is not one of fail, skip, rejects");
    }

    @Test
    void anEmptyFileIsASuccessWithZeroRowsThatCreatesNoDataset() throws Exception {
        Path empty = Files.writeString(HOME.resolveSibling("empty.csv"), "");

        Response r = ingest(empty, "nothing_today", "");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("outcome").asText()).isEqualTo("empty");
        assertThat(r.json().path("rows").asLong()).isZero();
        assertThat(r.json().path("note").asText()).contains("no dataset was created");
        assertThat(http().get("/api/datasets/nothing_today").status()).isEqualTo(404);
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

    private List<String> auditDetails(String action) throws Exception {
        List<String> details = new java.util.ArrayList<>();
        for (JsonNode e : http().get("/api/audit?limit=50").json().path("events")) {
            if (e.path("action").asText().equals(action)) {
                details.add(e.path("details").toString());
            }
        }
        return details;
    }

    @Test
    void theLineageSaysWhatTheReaderSkippedDetectedAndRejected() throws Exception {
        Path csv = Files.writeString(
                HOME.resolveSibling("titled-export.csv"),
                "Monthly export of the shop\n# generated by the shop\nsku;price\nA1;10\nB2;20\nC3;30\n");

        Response ingested = ingest(csv, "titled", "");
        assertThat(ingested.status()).as(ingested.body()).isEqualTo(200);
        assertThat(ingested.json().path("rows").asLong()).isEqualTo(3);

        JsonNode read =
                http().get("/api/datasets/titled").json().path("lineage").get(0).path("read");
        assertThat(read.path("linesSkipped").asText()).as(read.toString()).isEqualTo("1");
        assertThat(read.path("commentLines").asText()).as(read.toString()).isEqualTo("1");
        assertThat(read.path("delimiter").asText()).isEqualTo(";");
        assertThat(read.path("charset").asText()).isEqualTo("UTF-8");

        ingest(orders("orders-read-facts.csv", 1000, 5), "facts", "");
        JsonNode facts =
                http().get("/api/datasets/facts").json().path("lineage").get(0).path("read");
        assertThat(facts.path("badRows").asText()).as(facts.toString()).isEqualTo("1");
    }

    private Response ingest(Path file, String dataset, String more) throws Exception {
        return http().post(
                        "/api/ingest",
                        "{\"path\": " + JSON.writeValueAsString(file.toString()) + ", \"dataset\": \"" + dataset + "\""
                                + more + "}");
    }

    private JsonNode rows(String sql) throws Exception {
        Response r = http().post("/api/sql", "{\"sql\": " + JSON.writeValueAsString(sql) + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("rows");
    }

    private HubHttp http() {
        return new HubHttp(port);
    }
}

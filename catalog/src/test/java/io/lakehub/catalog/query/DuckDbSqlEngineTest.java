package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.BIGINT;
import static io.lakehub.catalog.schema.LakeType.DOUBLE;
import static io.lakehub.catalog.schema.LakeType.INT;
import static io.lakehub.catalog.schema.LakeType.STRING;
import static io.lakehub.catalog.schema.LakeType.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuckDbSqlEngineTest extends EngineOnTestLake {

    private static List<String> names(QueryResult r) {
        return r.columns().stream().map(QueryResult.Column::name).toList();
    }

    private static List<String> types(QueryResult r) {
        return r.columns().stream().map(QueryResult.Column::type).toList();
    }

    @Test
    void eachDatasetIsAViewNamedLikeItWithTheSchemasColumnOrderAndTypes() throws Exception {
        // The file holds id before name and id as INTEGER; the dataset says name first, id BIGINT.
        LakeSchema people = schema("name", STRING, "id", BIGINT);
        lake.append("people", people, "SELECT 2 AS id, 'Bo' AS name UNION ALL SELECT 1, 'Al'");
        lake.append("orders", schema("amount", DOUBLE), "SELECT 9.5::DOUBLE AS amount");

        QueryResult r = engine.query("SELECT * FROM people ORDER BY id");

        assertThat(names(r)).containsExactly("name", "id");
        assertThat(types(r)).containsExactly("VARCHAR", "BIGINT");
        assertThat(r.rows()).containsExactly(List.of("Al", 1L), List.of("Bo", 2L));
        assertThat(engine.query("SELECT amount FROM orders").rows()).containsExactly(List.of(9.5));
        assertThat(engine.query("SHOW TABLES").rows())
                .extracting(row -> row.getFirst())
                .contains("people", "orders", "lakehub_audit");
    }

    @Test
    void olderFilesWithoutANewerColumnReadAsNullAndNarrowerTypesAreWidened() throws Exception {
        lake.append("people", schema("id", INT, "name", STRING), "SELECT 1::INTEGER AS id, 'Al' AS name");
        LakeSchema evolved = schema("id", BIGINT, "name", STRING, "email", STRING);
        lake.append("people", evolved, "SELECT 5000000000::BIGINT AS id, 'Bo' AS name, 'bo@example.org' AS email");

        QueryResult r = engine.query("SELECT id, name, email FROM people ORDER BY id");

        assertThat(types(r)).containsExactly("BIGINT", "VARCHAR", "VARCHAR");
        assertThat(r.rows())
                .containsExactly(
                        java.util.Arrays.asList(1L, "Al", null), List.of(5_000_000_000L, "Bo", "bo@example.org"));
    }

    @Test
    void decimalTimeLocalTimestampUuidAndListColumnsHaveTheirParameterisedDuckDbTypes() throws Exception {
        LakeSchema orders = LakeSchema.of(
                LakeField.nullable("id", LakeType.UUID),
                LakeField.decimal("amount", 12, 2),
                LakeField.nullable("at", LakeType.TIME),
                LakeField.nullable("placed", LakeType.LOCAL_TIMESTAMP),
                LakeField.list("tags", LakeType.STRING),
                LakeField.list("prices", LakeField.decimal("element", 10, 3)));
        // The older file holds a narrower decimal and an integer list; the view casts to the dataset's types.
        lake.append(
                "orders",
                orders,
                "SELECT '123e4567-e89b-12d3-a456-426614174000'::UUID AS id, -12.5::DECIMAL(4,1) AS amount,"
                        + " TIME '23:59:59.999999' AS at, TIMESTAMP '1969-07-20 20:17:40.5' AS placed,"
                        + " ['a', NULL] AS tags, [1, NULL]::INTEGER[] AS prices");
        lake.append(
                "orders",
                orders,
                "SELECT NULL::UUID AS id, 9999999999.99::DECIMAL(12,2) AS amount, NULL::TIME AS at,"
                        + " NULL::TIMESTAMP AS placed, []::VARCHAR[] AS tags, NULL::DECIMAL(10,3)[] AS prices");

        QueryResult r = engine.query("SELECT * FROM orders ORDER BY amount");

        assertThat(types(r))
                .containsExactly("UUID", "DECIMAL(12,2)", "TIME", "TIMESTAMP", "VARCHAR[]", "DECIMAL(10,3)[]");
        assertThat(r.rows())
                .containsExactly(
                        List.of(
                                "123e4567-e89b-12d3-a456-426614174000",
                                new java.math.BigDecimal("-12.50"),
                                "23:59:59.999999",
                                "1969-07-20T20:17:40.5",
                                java.util.Arrays.asList("a", null),
                                java.util.Arrays.asList(new java.math.BigDecimal("1.000"), null)),
                        java.util.Arrays.asList(
                                null, new java.math.BigDecimal("9999999999.99"), null, null, List.of(), null));

        // A column widened from int to a decimal: older int files and newer decimal files, values exact.
        LakeSchema ledger = LakeSchema.of(LakeField.decimal("amount", 20, 2));
        lake.append("ledger", LakeSchema.of(LakeField.nullable("amount", LakeType.INT)), "SELECT 7 AS amount");
        lake.append("ledger", ledger, "SELECT 123456789012345678.12::DECIMAL(20,2) AS amount");
        QueryResult amounts = engine.query("SELECT amount FROM ledger ORDER BY amount");
        assertThat(types(amounts)).containsExactly("DECIMAL(20,2)");
        assertThat(amounts.rows())
                .containsExactly(
                        List.of(new java.math.BigDecimal("7.00")),
                        List.of(new java.math.BigDecimal("123456789012345678.12")));

        lake.catalog.create(DatasetName.of("empty_orders"), orders);
        assertThat(types(engine.query("SELECT * FROM empty_orders")))
                .containsExactly("UUID", "DECIMAL(12,2)", "TIME", "TIMESTAMP", "VARCHAR[]", "DECIMAL(10,3)[]");
    }

    @Test
    void aSchemaColumnThatNoLiveFileHoldsIsNull() throws Exception {
        lake.append("people", schema("id", BIGINT, "nickname", STRING), "SELECT 1::BIGINT AS id");

        QueryResult r = engine.query("SELECT id, nickname FROM people");

        assertThat(r.rows()).containsExactly(java.util.Arrays.asList(1L, null));
    }

    @Test
    void aColumnMissingFromTheFilesNeverResolvesToAnotherColumnsAlias() throws Exception {
        // "b" is absent from the file; it must not pick up the value aliased as "b" in the view.
        lake.append("t", schema("a", BIGINT, "b", BIGINT), "SELECT 7::BIGINT AS a");

        assertThat(engine.query("SELECT a, b FROM t").rows()).containsExactly(java.util.Arrays.asList(7L, null));
    }

    @Test
    void aNewSnapshotIsVisibleToTheNextQuery() throws Exception {
        LakeSchema s = schema("v", BIGINT);
        lake.append("events", s, "SELECT range AS v FROM range(3)");
        assertThat(engine.query("SELECT count(*) FROM events").rows()).containsExactly(List.of(3L));

        lake.append("events", s, "SELECT range AS v FROM range(10, 14)");

        assertThat(engine.query("SELECT count(*), sum(v) FROM events").rows())
                .containsExactly(List.of(7L, new java.math.BigDecimal(3 + 10 + 11 + 12 + 13)));
    }

    @Test
    void datasetsAppearAndVanishWithTheCatalog() throws Exception {
        lake.append("a", schema("v", BIGINT), "SELECT 1::BIGINT AS v");
        assertThat(engine.query("SELECT v FROM a").rows()).containsExactly(List.of(1L));

        lake.append("b", schema("w", BIGINT), "SELECT 2::BIGINT AS w");
        lake.catalog.delete(DatasetName.of("a"));

        assertThat(engine.query("SELECT w FROM b").rows()).containsExactly(List.of(2L));
        assertThatThrownBy(() -> engine.query("SELECT * FROM a"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("Table with name a does not exist");
    }

    @Test
    void aDatasetWithoutFilesIsAnEmptyViewWithItsColumnsAndTypes() throws Exception {
        lake.catalog.create(DatasetName.of("fresh"), schema("id", BIGINT, "seen at", TIMESTAMP));

        QueryResult r = engine.query("SELECT * FROM fresh");

        assertThat(r.rows()).isEmpty();
        assertThat(names(r)).containsExactly("id", "seen at");
        assertThat(types(r)).containsExactly("BIGINT", "TIMESTAMP WITH TIME ZONE");
    }

    @Test
    void aSnapshotWithAllFilesRemovedIsEmpty() throws Exception {
        LakeSchema s = schema("v", BIGINT);
        lake.append("events", s, "SELECT 1::BIGINT AS v");
        assertThat(engine.query("SELECT count(*) FROM events").rows()).containsExactly(List.of(1L));

        lake.removeAllFiles("events", s);

        assertThat(engine.query("SELECT count(*) FROM events").rows()).containsExactly(List.of(0L));
    }

    @Test
    void filesWrittenButNotCommittedAreNotVisible() throws Exception {
        LakeSchema s = schema("v", BIGINT);
        lake.append("events", s, "SELECT 1::BIGINT AS v");
        lake.write("events", "SELECT 2::BIGINT AS v"); // an ingest in flight: renamed into place, not committed

        assertThat(engine.query("SELECT v FROM events").rows()).containsExactly(List.of(1L));
    }

    @Test
    void columnNamesWithSpacesQuotesAndUnicodeArePreserved() throws Exception {
        LakeSchema s = schema("first name", STRING, "say \"hi\"", STRING, "größe", BIGINT, "it's", STRING);
        lake.append(
                "odd",
                s,
                "SELECT 'Al' AS \"first name\", 'hello' AS \"say \"\"hi\"\"\", 180::BIGINT AS \"größe\", 'x' AS \"it's\"");

        QueryResult r = engine.query("SELECT \"first name\", \"say \"\"hi\"\"\", \"größe\", \"it's\" FROM odd");

        assertThat(names(r)).containsExactly("first name", "say \"hi\"", "größe", "it's");
        assertThat(r.rows()).containsExactly(List.of("Al", "hello", 180L, "x"));
    }

    @Test
    void resultsStopAtTheRowLimitAndSaySo() {
        try (DuckDbSqlEngine limited = new DuckDbSqlEngine(lake.catalog, new QuerySettings(5, 1, "256MB"))) {
            QueryResult cut = limited.query("SELECT * FROM range(1000000000)");
            assertThat(cut.rowCount()).isEqualTo(5);
            assertThat(cut.truncated()).isTrue();

            QueryResult exact = limited.query("SELECT * FROM range(5)");
            assertThat(exact.rowCount()).isEqualTo(5);
            assertThat(exact.truncated()).isFalse();
        }
    }

    @Test
    void duckDbErrorsArePassedOnWithDuckDbsMessage() throws Exception {
        lake.append("people", schema("id", BIGINT), "SELECT 1::BIGINT AS id");

        assertThatThrownBy(() -> engine.query("SELECT no_such_column FROM people"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageStartingWith("Binder Error")
                .hasMessageContaining("no_such_column")
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(() -> engine.query("SELECT FROM WHERE"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageStartingWith("Parser Error: syntax error");
        assertThatThrownBy(() -> engine.query("SELECT 1 / 0 = 'x'::INTEGER"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("Conversion Error");
    }

    @Test
    void aDatasetWhoseFilesCannotBeReadFailsAloneAndNamesItself() throws Exception {
        LakeSchema s = schema("v", BIGINT);
        lake.append("broken", s, "SELECT 1::BIGINT AS v");
        lake.append("fine", s, "SELECT 2::BIGINT AS v");
        Files.delete(lake.root.resolve(
                lake.catalog.liveFiles(DatasetName.of("broken")).getFirst().relativePath()));

        assertThat(engine.query("SELECT v FROM fine").rows()).containsExactly(List.of(2L));
        assertThatThrownBy(() -> engine.query("SELECT count(*) FROM broken"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("Dataset broken cannot be queried");
        assertThat(names(engine.query("DESCRIBE broken"))).contains("column_name");

        // A repair commit (here: the file's rows written again) makes it readable on the next query.
        lake.removeAllFiles("broken", s);
        lake.append("broken", s, "SELECT 1::BIGINT AS v");
        assertThat(engine.query("SELECT v FROM broken").rows()).containsExactly(List.of(1L));
    }

    @Test
    void aClosedEngineRefusesQueries() {
        engine.close();

        assertThatThrownBy(() -> engine.query("SELECT 1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDatasetWhoseColumnNameHoldsANulNeverBlocksTheOtherQueries() throws Exception {
        // Committed straight into the catalog, as a hub before the column-name check could have.
        lake.append("people", schema("id", BIGINT), "SELECT 1::BIGINT AS id");
        lake.append("broken", schema("col\u0000 2", BIGINT, "ok", BIGINT), "SELECT 1::BIGINT AS c, 2::BIGINT AS ok");

        for (int round = 0; round < 2; round++) {
            assertThat(engine.query("SELECT 42").rows()).containsExactly(List.of(42));
            assertThat(engine.query("SELECT id FROM people").rows()).containsExactly(List.of(1L));
            assertThatThrownBy(() -> engine.query("SELECT ok FROM broken"))
                    .isInstanceOf(QueryFailedException.class)
                    .hasMessageContaining("Dataset broken cannot be queried")
                    .hasMessageContaining("'col\\u0000 2' contains a control character")
                    .hasMessageContaining("lakehub drop broken");
        }

        // A new engine (a restart) over the same catalog is just as unaffected.
        try (DuckDbSqlEngine restarted = new DuckDbSqlEngine(lake.catalog, QuerySettings.defaults())) {
            assertThat(restarted.query("SELECT 42").rows()).containsExactly(List.of(42));
            assertThat(restarted.query("SELECT count(*) FROM people").rows()).containsExactly(List.of(1L));
        }

        // Dropped, its view goes and the name is free again.
        lake.catalog.drop(DatasetName.of("broken"), "test");
        assertThatThrownBy(() -> engine.query("SELECT * FROM broken"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("broken")
                .hasMessageNotContaining("control character");
        lake.append("broken", schema("fixed", BIGINT), "SELECT 7::BIGINT AS fixed");
        assertThat(engine.query("SELECT fixed FROM broken").rows()).containsExactly(List.of(7L));
    }

    @Test
    void aStandInThatCannotKeepTheColumnsStillReportsTheDatasetsOwnError() throws Exception {
        // Escaped, both names read "a\u0001": the stand-in with the dataset's columns is impossible too.
        lake.append("twins", schema("a\u0001", BIGINT, "a\\u0001", BIGINT), "SELECT 1::BIGINT AS a");
        lake.append("people", schema("id", BIGINT), "SELECT 1::BIGINT AS id");

        assertThat(engine.query("SELECT 42").rows()).containsExactly(List.of(42));
        assertThat(engine.query("SELECT id FROM people").rows()).containsExactly(List.of(1L));
        assertThatThrownBy(() -> engine.query("SELECT * FROM twins"))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageContaining("Dataset twins cannot be queried");
    }

    @Test
    void aQueryThatReadAFileWhileAnErasureReplacedItIsRunAgainOthersFailAtOnce() {
        assertThat(DuckDbSqlEngine.readAReplacedFile(new java.sql.SQLException(
                        "IO Error: Could not read enough bytes from file \"/lake/c/x.parquet\": attempted to read 3099"
                                + " bytes from location 4911")))
                .isTrue();
        assertThat(DuckDbSqlEngine.readAReplacedFile(new java.sql.SQLException(
                        "Invalid Input Error: No magic bytes found at end of file 'x.parquet'")))
                .isTrue();
        assertThat(DuckDbSqlEngine.readAReplacedFile(
                        new java.sql.SQLException("Binder Error: Referenced column \"nope\" not found")))
                .isFalse();
        assertThat(DuckDbSqlEngine.readAReplacedFile(new java.sql.SQLException((String) null)))
                .isFalse();
    }
}

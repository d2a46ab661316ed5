package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.BIGINT;
import static io.lakehub.catalog.schema.LakeType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL surface through the engine: it reads the lake's datasets and nothing else, and changes
 * nothing. File confinement is DuckDB's own (allowed directories, no external access, locked
 * configuration); these tests prove it holds in the engine as configured.
 */
class SqlLockdownTest {

    private static final String OUTSIDE_THE_LAKE = "Reading files outside the lake is not allowed";

    @TempDir
    Path tmp;

    TestLake lake;
    DuckDbSqlEngine engine;
    Path outsideParquet;

    @BeforeEach
    void start() throws Exception {
        lake = new TestLake(tmp);
        lake.append("people", schema("id", BIGINT, "name", STRING), "SELECT 1::BIGINT AS id, 'Al' AS name");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        outsideParquet = outside.resolve("x.parquet");
        lake.writerExecute("COPY (SELECT 42 AS secret) TO '" + outsideParquet + "' (FORMAT parquet)");
        engine = new DuckDbSqlEngine(lake.catalog, QuerySettings.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        engine.close();
        lake.close();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String sql) {
        return assertThatThrownBy(() -> engine.query(sql)).isInstanceOf(SqlRefusedException.class);
    }

    private void assertOutsideTheLake(String sql) {
        assertRefused(sql).hasMessageStartingWith(OUTSIDE_THE_LAKE).hasCauseInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void readCsvOfEtcPasswdIsRefused() {
        assertOutsideTheLake("SELECT * FROM read_csv('/etc/passwd')");
    }

    @Test
    void readTextIsRefused() {
        assertOutsideTheLake("SELECT * FROM read_text('/etc/passwd')");
    }

    @Test
    void readBlobIsRefused() {
        assertOutsideTheLake("SELECT * FROM read_blob('/etc/passwd')");
    }

    @Test
    void globOutsideTheLakeIsRefused() {
        assertOutsideTheLake("SELECT * FROM glob('/etc/*')");
    }

    @Test
    void readParquetOutsideTheLakeIsRefused() {
        assertOutsideTheLake("SELECT * FROM read_parquet('" + outsideParquet + "')");
    }

    @Test
    void parquetMetadataOutsideTheLakeIsRefused() {
        assertOutsideTheLake("SELECT * FROM parquet_metadata('" + outsideParquet + "')");
    }

    @Test
    void aSiblingFolderSharingTheLakesNameAsPrefixIsOutside() throws Exception {
        Path sibling = Files.createDirectories(tmp.resolve("lake2"));
        lake.writerExecute("COPY (SELECT 1 AS x) TO '" + sibling.resolve("x.parquet") + "' (FORMAT parquet)");

        assertOutsideTheLake("SELECT * FROM read_parquet('" + sibling.resolve("x.parquet") + "')");
    }

    @Test
    void dotDotCannotClimbOutOfTheLake() {
        assertOutsideTheLake("SELECT * FROM read_parquet('" + lake.root + "/people/../../outside/x.parquet')");
    }

    @Test
    void aSymlinkInsideTheLakeCannotLeadOutOfIt() throws Exception {
        Files.createSymbolicLink(lake.root.resolve("escape"), tmp.resolve("outside"));

        assertOutsideTheLake("SELECT * FROM read_parquet('" + lake.root + "/escape/x.parquet')");
    }

    @Test
    void aLakeReachedThroughASymlinkIsReadable() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectories(tmp.resolve("real")));
        try (TestLake linked = new TestLake(link);
                DuckDbSqlEngine viaLink = new DuckDbSqlEngine(linked.catalog, QuerySettings.defaults())) {
            linked.append("people", schema("id", BIGINT), "SELECT 7::BIGINT AS id");

            assertThat(viaLink.query("SELECT id FROM people").rows()).containsExactly(List.of(7L));
        }
    }

    @Test
    void urlsAreRefusedWithoutAnyNetworkAccess() {
        assertOutsideTheLake("SELECT * FROM read_parquet('https://example.com/x.parquet')");
    }

    @Test
    void filesInsideTheLakeCanStillBeReadDirectly() {
        QueryResult r = engine.query("SELECT count(*) FROM read_parquet('" + lake.root + "/people/*.parquet')");

        assertThat(r.rows()).containsExactly(List.of(1L));
    }

    @Test
    void copyIntoTheLakeIsRefusedAndWritesNothing() {
        Path target = lake.root.resolve("people/evil.csv");

        assertRefused("COPY (SELECT 1) TO '" + target + "'").hasMessageStartingWith("COPY is not allowed");
        assertThat(target).doesNotExist();
    }

    @Test
    void attachIsRefused() {
        assertRefused("ATTACH ':memory:' AS scratch").hasMessageStartingWith("ATTACH is not allowed");
    }

    @Test
    void detachIsRefused() {
        assertRefused("DETACH memory").hasMessageStartingWith("DETACH is not allowed");
    }

    @Test
    void installIsRefused() {
        assertRefused("INSTALL httpfs").hasMessageStartingWith("INSTALL is not allowed");
    }

    @Test
    void loadIsRefused() {
        assertRefused("LOAD httpfs").hasMessageStartingWith("LOAD is not allowed");
    }

    @Test
    void setIsRefusedAndTheLockdownStaysInForce() {
        assertRefused("SET enable_external_access = true").hasMessageStartingWith("SET is not allowed");

        QueryResult r = engine.query("SELECT current_setting('enable_external_access'),"
                + " current_setting('lock_configuration'), current_setting('autoload_known_extensions'),"
                + " current_setting('autoinstall_known_extensions')");
        assertThat(r.rows()).containsExactly(List.of(false, true, false, false));
    }

    @Test
    void resetIsRefused() {
        assertRefused("RESET allowed_directories").hasMessageStartingWith("RESET is not allowed");
    }

    @Test
    void pragmaIsRefused() {
        assertRefused("PRAGMA disable_checkpoint_on_shutdown").hasMessageStartingWith("PRAGMA is not allowed");
    }

    @Test
    void callIsRefused() {
        assertRefused("CALL pragma_version()").hasMessageStartingWith("CALL is not allowed");
    }

    @Test
    void exportIsRefused() {
        assertRefused("EXPORT DATABASE '" + lake.root + "/dump'").hasMessageStartingWith("EXPORT is not allowed");
        assertThat(lake.root.resolve("dump")).doesNotExist();
    }

    @Test
    void importIsRefused() {
        assertRefused("IMPORT DATABASE '" + lake.root + "/dump'").hasMessageStartingWith("IMPORT is not allowed");
    }

    @Test
    void createIsRefused() {
        assertRefused("CREATE TABLE scratch AS SELECT 1").hasMessageStartingWith("CREATE is not allowed");
    }

    @Test
    void dropIsRefusedAndTheDatasetRemains() {
        assertRefused("DROP VIEW people").hasMessageStartingWith("DROP is not allowed");
        assertThat(engine.query("SELECT id FROM people").rows()).containsExactly(List.of(1L));
    }

    @Test
    void alterIsRefused() {
        assertRefused("ALTER VIEW people RENAME TO folks").hasMessageStartingWith("ALTER is not allowed");
    }

    @Test
    void insertIsRefused() {
        assertRefused("INSERT INTO lakehub_audit (seq) VALUES (999)").hasMessageStartingWith("INSERT is not allowed");
    }

    @Test
    void updateIsRefused() {
        assertRefused("UPDATE lakehub_audit SET actor = 'someone'").hasMessageStartingWith("UPDATE is not allowed");
    }

    @Test
    void deleteIsRefusedAndTheAuditTableKeepsItsRows() {
        long before = (Long) engine.query("SELECT count(*) FROM lakehub_audit")
                .rows()
                .getFirst()
                .getFirst();

        assertRefused("DELETE FROM lakehub_audit").hasMessageStartingWith("DELETE is not allowed");
        assertThat(engine.query("SELECT count(*) FROM lakehub_audit").rows()).containsExactly(List.of(before));
    }

    @Test
    void aSecondStatementIsRefusedBeforeTheFirstRuns() {
        assertRefused("SELECT 1; DROP VIEW people")
                .hasMessageStartingWith("Only one statement can run per request")
                .hasMessageContaining("the second starts with DROP");
        assertThat(engine.query("SELECT id FROM people").rows()).containsExactly(List.of(1L));
    }

    @Test
    void functionsOfExtensionsThatAreNotBuiltInAreRefusedWithoutSuggestingInstall() {
        assertRefused("SELECT * FROM read_xlsx('" + lake.root + "/x.xlsx')")
                .hasMessageContaining("read_xlsx")
                .hasMessageContaining("Extensions cannot be installed or loaded here")
                .hasMessageNotContaining("INSTALL")
                .hasMessageNotContaining("SET ");
    }

    @Test
    void loggingToFilesInsideTheLakeIsRefusedAndWritesNothing() throws Exception {
        Path logs = lake.root.resolve("logs");

        assertRefused("SELECT * FROM enable_logging(storage := 'file', storage_path := '" + logs + "')")
                .hasMessageStartingWith("enable_logging() is not allowed");
        engine.query("SELECT count(*) FROM people");
        assertThat(logs).doesNotExist();
    }

    @Test
    void sqlGivenAsTextIsRefusedBecauseItCannotBeChecked() {
        assertRefused("SELECT * FROM query('SELECT * FROM enable_logging()')")
                .hasMessageStartingWith("query() is not allowed");
    }

    @Test
    void readOnlyQueryFormsAllRun() {
        assertThat(engine.query("DESCRIBE people").rows())
                .extracting(List::getFirst)
                .containsExactly("id", "name");
        assertThat(engine.query("SUMMARIZE people").rowCount()).isEqualTo(2);
        assertThat(engine.query("FROM people SELECT name").rows()).containsExactly(List.of("Al"));
        assertThat(engine.query("TABLE people").rowCount()).isEqualTo(1);
        assertThat(engine.query("VALUES (1), (2)").rowCount()).isEqualTo(2);
        assertThat(engine.query("WITH p AS (SELECT * FROM people) SELECT count(*) FROM p")
                        .rows())
                .containsExactly(List.of(1L));
        assertThat(engine.query("PIVOT people ON name IN ('Al') USING count(*)").rows())
                .containsExactly(List.of(1L, 1L));
        assertThat(engine.query("UNPIVOT people ON name INTO NAME k VALUE v").rowCount())
                .isEqualTo(1);
        assertThat(engine.query("EXPLAIN SELECT * FROM people").rowCount()).isPositive();
        assertThat(engine.query("EXPLAIN ANALYZE SELECT count(*) FROM people").rowCount())
                .isPositive();
    }

    @Test
    void parquetAndJsonAreBuiltIntoTheDriverSoNothingIsEverDownloaded() throws Exception {
        // Asked of a plain connection: listing extensions looks into the extension folder, which
        // the engine's configuration does not allow (the engine runs the same check before it locks).
        try (var plain = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                var st = plain.createStatement();
                var rs = st.executeQuery("SELECT extension_name, install_mode FROM duckdb_extensions()"
                        + " WHERE loaded AND extension_name IN ('parquet', 'json') ORDER BY 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("json STATICALLY_LINKED");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + " " + rs.getString(2)).isEqualTo("parquet STATICALLY_LINKED");
        }
    }
}

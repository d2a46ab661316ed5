package io.lakehub.catalog.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.query.SqlRefusedException;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 catalog and the DuckDB engine together: what a user sees through SQL follows
 * the catalog's commits, schema evolution included, and the audit journal is queryable.
 */
class SqlOverJdbcCatalogTest {

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private DuckDbSqlEngine engine;

    @BeforeEach
    void open() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        engine = new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null));
    }

    @AfterEach
    void close() {
        engine.close();
        catalog.close();
    }

    @Test
    void queriesFollowCommitsAndSchemaEvolution() throws Exception {
        LakeSchema v1 =
                LakeSchema.of(LakeField.nullable("id", LakeType.INT), LakeField.nullable("name", LakeType.STRING));
        commit("people", v1, "SELECT 1::INTEGER AS id, 'ada' AS name UNION ALL SELECT 2, 'bob'", "a");

        assertThat(engine.query("SELECT count(*) FROM people").rows()).containsExactly(List.of(2L));

        // Second file widens id to BIGINT and adds a column; the first file reads with NULLs.
        LakeSchema v2 = LakeSchema.of(
                LakeField.nullable("id", LakeType.BIGINT),
                LakeField.nullable("name", LakeType.STRING),
                LakeField.nullable("email", LakeType.STRING));
        commit("people", v2, "SELECT 3000000000::BIGINT AS id, 'cy' AS name, 'cy@example.org' AS email", "b");

        QueryResult r = engine.query("SELECT id, name, email FROM people ORDER BY id");
        assertThat(r.columns()).extracting(QueryResult.Column::type).containsExactly("BIGINT", "VARCHAR", "VARCHAR");
        assertThat(r.rows())
                .containsExactly(
                        java.util.Arrays.asList(1L, "ada", null),
                        java.util.Arrays.asList(2L, "bob", null),
                        List.of(3000000000L, "cy", "cy@example.org"));
        assertThat(catalog.schemaVersions(DatasetName.of("people"))).hasSize(2);
    }

    @Test
    void aColumnSpelledWithOtherCaseIsTheSameColumn() throws Exception {
        LakeSchema first = LakeSchema.of(LakeField.nullable("Email", LakeType.STRING));
        commit("contacts", first, "SELECT 'a@x' AS \"Email\"", "e1");
        LakeSchema incoming = LakeSchema.of(
                LakeField.nullable("email", LakeType.STRING), LakeField.nullable("name", LakeType.STRING));
        var evolution = io.lakehub.catalog.schema.SchemaEvolution.merge("contacts", first, incoming, false);
        assertThat(evolution.schema().names()).containsExactly("Email", "name");
        commit("contacts", evolution.schema(), "SELECT 'b@x' AS email, 'Bo' AS name", "e2");

        QueryResult r = engine.query("SELECT * FROM contacts ORDER BY 1");
        assertThat(r.columns()).extracting(QueryResult.Column::name).containsExactly("Email", "name");
        assertThat(r.rows()).containsExactly(java.util.Arrays.asList("a@x", null), List.of("b@x", "Bo"));
    }

    @Test
    void auditJournalIsQueryableAndIntact() throws Exception {
        commit("orders", LakeSchema.of(LakeField.nullable("n", LakeType.INT)), "SELECT 1::INTEGER AS n", "c");

        QueryResult r =
                engine.query("SELECT action, entity FROM lakehub_audit WHERE action = 'dataset.commit' ORDER BY seq");
        assertThat(r.rows()).containsExactly(List.of("dataset.commit", "dataset:orders"));
        assertThat(catalog.audit().verify().intact()).isTrue();
    }

    @Test
    void sqlCannotReachTheCatalogDatabaseOrOtherFiles() {
        assertThatThrownBy(() -> engine.query("SELECT * FROM read_text('" + home.resolve("catalog") + "/*')"))
                .isInstanceOf(SqlRefusedException.class);
        assertThatThrownBy(() -> engine.query("COPY (SELECT 1) TO '" + home.resolve("x.csv") + "'"))
                .isInstanceOf(SqlRefusedException.class);
        assertThat(Files.exists(home.resolve("x.csv"))).isFalse();
    }

    private void commit(String dataset, LakeSchema schema, String select, String hash) throws Exception {
        Path dir = catalog.datasetDir(DatasetName.of(dataset));
        Files.createDirectories(dir);
        Path file = dir.resolve(hash + ".parquet");
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = c.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet)");
            var rs = st.executeQuery("SELECT count(*) FROM (" + select + ")");
            rs.next();
            rows = rs.getLong(1);
        }
        NewDataFile nf = new NewDataFile(dataset + "/" + file.getFileName(), rows, Files.size(file), List.of());
        catalog.commit(CommitRequest.append(
                DatasetName.of(dataset),
                schema,
                List.of(),
                List.of(nf),
                new Lineage("test", "test://" + dataset, null, "sha256:" + hash),
                "test"));
    }
}

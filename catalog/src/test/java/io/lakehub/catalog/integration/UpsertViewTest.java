package io.lakehub.catalog.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merge-on-read through SQL: files with the hidden columns and delete markers, committed as
 * upserts to the embedded catalog, read through the DuckDB engine. Files are written by a plain
 * DuckDB connection the way the upsert chain lays them out (ADR 0009).
 */
class UpsertViewTest {
    static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("name", LakeType.STRING),
            LakeField.nullable("amount", LakeType.DOUBLE));

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private DuckDbSqlEngine engine;
    private Connection writer;
    private int files;

    @BeforeEach
    void open() throws Exception {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        engine = new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null));
        writer = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        engine.close();
        catalog.close();
    }

    /** Writes rows (id, name, amount, _lakehub_row, _lakehub_deleted) or markers (id, _lakehub_row). */
    NewDataFile write(String dataset, String select) throws Exception {
        String rel = dataset + "/f" + (++files) + ".parquet";
        Path path = catalog.lakeRoot().resolve(rel);
        Files.createDirectories(path.getParent());
        try (Statement st = writer.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + path + "' (FORMAT parquet)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + select + ")")) {
                rs.next();
                return new NewDataFile(rel, rs.getLong(1), Files.size(path), List.of());
            }
        }
    }

    Snapshot merge(String dataset, Long parent, RowChanges changes, List<NewDataFile> data, List<NewDataFile> markers) {
        return catalog.commit(CommitRequest.merge(
                DatasetName.of(dataset),
                SCHEMA,
                List.of(),
                List.of("id"),
                data,
                markers,
                changes,
                parent,
                null,
                Map.of(),
                "test"));
    }

    static String rows(String... values) {
        return "SELECT * FROM (VALUES " + String.join(", ", values)
                + ") AS t(id, name, amount, _lakehub_row, _lakehub_deleted)";
    }

    static String markers(String... values) {
        return "SELECT id::BIGINT AS id, r::BIGINT AS _lakehub_row FROM (VALUES " + String.join(", ", values)
                + ") AS t(id, r)";
    }

    List<List<Object>> query(String sql) {
        return engine.query(sql).rows();
    }

    @Test
    void aQuerySeesTheNewestVersionOfEachKeyAndDeletesHideTheRow() throws Exception {
        Snapshot s1 = merge(
                "customers",
                null,
                new RowChanges(3, 0, 0),
                List.of(write(
                        "customers",
                        rows(
                                "(1::BIGINT, 'ann', 10.0, 0::BIGINT, false)",
                                "(2, 'bob', 20.0, 1, false)",
                                "(3, 'cy', 30.0, 2, false)"))),
                List.of());
        assertThat(query("SELECT id, name FROM customers ORDER BY id"))
                .containsExactly(List.of(1L, "ann"), List.of(2L, "bob"), List.of(3L, "cy"));

        // Update 2, delete 3, insert 4: markers only for the keys that had a visible row.
        Snapshot s2 = merge(
                "customers",
                s1.id(),
                new RowChanges(1, 1, 1),
                List.of(write(
                        "customers",
                        rows(
                                "(2::BIGINT, 'bobby', 21.0, 0::BIGINT, false)",
                                "(3, NULL, NULL, 1, true)",
                                "(4, 'dee', 40.0, 2, false)"))),
                List.of(write("customers", markers("(2, NULL)", "(3, NULL)"))));

        assertThat(query("SELECT id, name, amount FROM customers ORDER BY id"))
                .containsExactly(List.of(1L, "ann", 10.0), List.of(2L, "bobby", 21.0), List.of(4L, "dee", 40.0));
        QueryResult columns = engine.query("SELECT * FROM customers LIMIT 1");
        assertThat(columns.columns()).extracting(QueryResult.Column::name).containsExactly("id", "name", "amount");
        assertThat(catalog.snapshots(DatasetName.of("customers")).getFirst())
                .extracting(Snapshot::insertedRows, Snapshot::updatedRows, Snapshot::deletedRows, Snapshot::totalRows)
                .containsExactly(1L, 1L, 1L, 3L);
        assertThat(catalog.dataset(DatasetName.of("customers")).orElseThrow().key())
                .containsExactly("id");

        // Key 3 comes back in a later commit.
        merge(
                "customers",
                s2.id(),
                new RowChanges(1, 0, 0),
                List.of(write("customers", rows("(3::BIGINT, 'cy again', 33.0, 0::BIGINT, false)"))),
                List.of());
        assertThat(query("SELECT id, name FROM customers ORDER BY id"))
                .containsExactly(List.of(1L, "ann"), List.of(2L, "bobby"), List.of(3L, "cy again"), List.of(4L, "dee"));
        assertThat(query("SELECT count(*), count(DISTINCT id) FROM customers")).containsExactly(List.of(4L, 4L));
    }

    @Test
    void duplicatesWithinOneCommitKeepTheLastInSourceOrder() throws Exception {
        // Key 7 three times in one commit: markers name the two superseded rows by _lakehub_row.
        Snapshot s1 = merge(
                "orders",
                null,
                new RowChanges(2, 0, 0),
                List.of(write(
                        "orders",
                        rows(
                                "(7::BIGINT, 'first', 1.0, 0::BIGINT, false)",
                                "(8, 'only', 8.0, 1, false)",
                                "(7, 'second', 2.0, 2, false)",
                                "(7, 'third', 3.0, 3, false)"))),
                List.of(write("orders", markers("(7, 0)", "(7, 2)"))));
        assertThat(query("SELECT id, name FROM orders ORDER BY id"))
                .containsExactly(List.of(7L, "third"), List.of(8L, "only"));

        // In the next commit key 7 is deleted and then inserted again within the same commit.
        merge(
                "orders",
                s1.id(),
                new RowChanges(0, 1, 0),
                List.of(write(
                        "orders", rows("(7::BIGINT, NULL, NULL, 0::BIGINT, true)", "(7, 'fourth', 4.0, 1, false)"))),
                List.of(write("orders", markers("(7, 0)"))));
        assertThat(query("SELECT id, name FROM orders ORDER BY id"))
                .containsExactly(List.of(7L, "fourth"), List.of(8L, "only"));
    }

    @Test
    void aCompactedDatasetWithoutMarkersReadsPlainlyAndHidesDeletedRows() throws Exception {
        Snapshot s1 = merge(
                "plain",
                null,
                new RowChanges(2, 0, 0),
                List.of(write("plain", rows("(1::BIGINT, 'a', 1.0, 0::BIGINT, false)", "(2, 'b', 2.0, 1, false)"))),
                List.of(write("plain", markers("(1, NULL)"))));
        List<Long> all = catalog.liveFiles(DatasetName.of("plain")).stream()
                .map(DataFile::id)
                .toList();
        assertThat(catalog.liveFiles(DatasetName.of("plain")))
                .extracting(DataFile::content)
                .containsExactly(DataFile.Content.DATA, DataFile.Content.DELETES);
        // A replace leaves one file without markers; a delete of an unknown key (9) is still hidden.
        catalog.commit(CommitRequest.replace(
                DatasetName.of("plain"),
                List.of(write("plain", rows("(2::BIGINT, 'b', 2.0, 0::BIGINT, false)", "(9, NULL, NULL, 1, true)"))),
                all,
                s1.id(),
                "compaction"));
        assertThat(query("SELECT id, name FROM plain")).containsExactly(List.of(2L, "b"));
    }

    @Test
    void appendsIntoAnUpsertDatasetAreRefusedNamingTheKey() throws Exception {
        merge(
                "keyed",
                null,
                new RowChanges(1, 0, 0),
                List.of(write("keyed", rows("(1::BIGINT, 'a', 1.0, 0::BIGINT, false)"))),
                List.of());
        NewDataFile more = write("keyed", "SELECT 2::BIGINT AS id, 'b' AS name, 2.0 AS amount");
        assertThatThrownBy(() -> catalog.commit(
                        CommitRequest.append(DatasetName.of("keyed"), SCHEMA, List.of(), List.of(more), null, "test")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keyed by [id]")
                .hasMessageContaining("mode upsert");
        assertThat(catalog.lakeRoot().resolve(more.relativePath())).doesNotExist();
        assertThat(query("SELECT count(*) FROM keyed")).containsExactly(List.of(1L));
    }

    @Test
    void upsertDatasetsMergedOnceAtRefreshAnswerLikeMergeOnRead() throws Exception {
        aQuerySeesTheNewestVersionOfEachKeyAndDeletesHideTheRow();
        List<List<Object>> onRead = query("SELECT id, name, amount FROM customers ORDER BY id");
        try (DuckDbSqlEngine merged =
                new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null).withMergedRowsLimit(1_000))) {
            assertThat(merged.query("SELECT id, name, amount FROM customers ORDER BY id")
                            .rows())
                    .isEqualTo(onRead);
            assertThat(merged.query("SELECT * FROM customers LIMIT 1").columns())
                    .extracting(QueryResult.Column::name)
                    .containsExactly("id", "name", "amount");
            // A new snapshot rebuilds the merged rows.
            Snapshot current = catalog.snapshots(DatasetName.of("customers")).getFirst();
            merge(
                    "customers",
                    current.id(),
                    new RowChanges(0, 0, 1),
                    List.of(write("customers", rows("(1::BIGINT, NULL, NULL, 0::BIGINT, true)"))),
                    List.of(write("customers", markers("(1, NULL)"))));
            assertThat(merged.query("SELECT id FROM customers ORDER BY id").rows())
                    .containsExactly(List.of(2L), List.of(3L), List.of(4L));
        }
    }
}

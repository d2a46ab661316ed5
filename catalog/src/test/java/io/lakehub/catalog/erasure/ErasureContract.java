package io.lakehub.catalog.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.RowChanges;
import io.lakehub.catalog.query.DuckDbSqlEngine;
import io.lakehub.catalog.query.QuerySettings;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.io.IOException;
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
 * Erasure on a real catalog database: rows invisible at once, bytes gone after the rewrite, old
 * snapshots and companions included, resumable after a failure, audited without values. Files are
 * written by a plain DuckDB connection the way the lake lays them out.
 */
abstract class ErasureContract {
    static final String KEY = "0123456789abcdef0123456789abcdef";
    static final String ANN = "ann@example.com";
    static final String BOB = "bob@example.com";
    static final LakeSchema SCHEMA = LakeSchema.of(
            LakeField.nullable("id", LakeType.BIGINT),
            LakeField.nullable("email", LakeType.STRING),
            LakeField.nullable("note", LakeType.STRING));

    @TempDir
    Path home;

    JdbcCatalog catalog;
    DuckDbSqlEngine engine;
    Connection writer;
    Erasures erasures;
    ErasureVerifier verifier;
    private int files;

    abstract CatalogSettings freshCatalog(Path home) throws Exception;

    void dropCatalog() throws Exception {}

    @BeforeEach
    void open() throws Exception {
        catalog = JdbcCatalog.open(freshCatalog(home));
        engine = new DuckDbSqlEngine(catalog, new QuerySettings(10_000, 0, null));
        writer = DriverManager.getConnection("jdbc:duckdb:");
        erasures = new Erasures(catalog, new ValueHasher(KEY), List.of());
        verifier = new ErasureVerifier(catalog);
    }

    @AfterEach
    void close() throws Exception {
        writer.close();
        engine.close();
        catalog.close();
        dropCatalog();
    }

    NewDataFile write(String dataset, String select) throws Exception {
        String rel = dataset + "/f" + (++files) + ".parquet";
        Path path = catalog.lakeRoot().resolve(rel);
        Files.createDirectories(path.getParent());
        try (Statement st = writer.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + path + "' (FORMAT parquet, COMPRESSION zstd)");
            try (ResultSet rs = st.executeQuery("SELECT count(*), CAST(min(email) AS VARCHAR), CAST(max(email) AS"
                    + " VARCHAR) FROM (" + select + ")")) {
                rs.next();
                return new NewDataFile(
                        rel,
                        rs.getLong(1),
                        Files.size(path),
                        List.of(new ColumnStats("email", 0, rs.getString(2), rs.getString(3))));
            }
        }
    }

    NewDataFile writeRaw(String dataset, String select) throws Exception {
        String rel = dataset + "/f" + (++files) + ".parquet";
        Path path = catalog.lakeRoot().resolve(rel);
        Files.createDirectories(path.getParent());
        try (Statement st = writer.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + path + "' (FORMAT parquet, COMPRESSION zstd)");
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + select + ")")) {
                rs.next();
                return new NewDataFile(rel, rs.getLong(1), Files.size(path), List.of());
            }
        }
    }

    static String people(String... rows) {
        return "SELECT id::BIGINT AS id, email, note FROM (VALUES " + String.join(", ", rows)
                + ") AS t(id, email, note)";
    }

    void append(String dataset, LakeSchema schema, NewDataFile file) {
        catalog.commit(CommitRequest.append(DatasetName.of(dataset), schema, List.of(), List.of(file), null, "test"));
    }

    long count(String sql) {
        return ((Number) engine.query(sql).rows().get(0).get(0)).longValue();
    }

    @Test
    void rowsVanishAtOnceAndTheBytesAfterTheRewriteOnAnAppendDataset() throws Exception {
        append("people", SCHEMA, write("people", people("(1, '" + ANN + "', 'hi')", "(2, '" + BOB + "', 'yo')")));
        append("people", SCHEMA, write("people", people("(3, '" + ANN + "', 'again')", "(4, 'cy@example.com', '')")));
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(4);
        assertThat(verifier.verify(DatasetName.of("people"), ANN, null).erased())
                .isFalse();

        Erasure e = erasures.request(DatasetName.of("people"), "EMAIL", List.of(ANN), "GDPR art. 17", "test");

        assertThat(e.state()).isEqualTo(ErasureState.INVISIBLE);
        assertThat(e.keyColumn()).isEqualTo("email");
        assertThat(e.rowsHidden())
                .as("counted by the rewrite, not by the request")
                .isNull();
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM people WHERE email = '" + ANN + "'"))
                .isZero();
        ErasureVerification before = verifier.verify(DatasetName.of("people"), ANN, "email");
        assertThat(before.erased()).isFalse();
        assertThat(before.filesContaining()).hasSize(2);
        assertThat(before.pendingErasures()).isEqualTo(1);

        Erasure done = erasures.finish(e.id());

        assertThat(done.state()).isEqualTo(ErasureState.ERASED);
        assertThat(done.rowsHidden()).isEqualTo(2);
        assertThat(done.rowsRemoved()).isEqualTo(2);
        assertThat(done.filesRewritten()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(2);
        ErasureVerification after = verifier.verify(DatasetName.of("people"), ANN, null);
        assertThat(after.filesScanned()).isEqualTo(2);
        assertThat(after.filesContaining()).isEmpty();
        assertThat(after.erased()).isTrue();
        assertThat(verifier.verify(DatasetName.of("people"), BOB, null).erased())
                .isFalse();
        assertThat(catalog.erasures().values(e.id())).isEmpty();
        assertThat(catalog.dataset(DatasetName.of("people")).orElseThrow().rowCount())
                .isEqualTo(2);
        List<AuditEvent> audit = catalog.audit().latest(20);
        assertThat(audit)
                .anyMatch(a ->
                        a.action().equals("dataset.erasure") && a.details().contains(new ValueHasher(KEY).hash(ANN)));
        assertThat(audit).anyMatch(a -> a.action().equals("dataset.erasure.done"));
        assertThat(audit).noneMatch(a -> a.details().contains(ANN));
    }

    @Test
    void filesOfOldSnapshotsAreRewrittenToo() throws Exception {
        append("people", SCHEMA, write("people", people("(1, '" + ANN + "', 'hi')", "(2, '" + BOB + "', 'yo')")));
        DataFile old = catalog.liveFiles(DatasetName.of("people")).get(0);
        // A compaction: a copy replaces the file, which only the first snapshot still references.
        NewDataFile copy = write("people", people("(1, '" + ANN + "', 'hi')", "(2, '" + BOB + "', 'yo')"));
        catalog.commit(CommitRequest.replace(
                DatasetName.of("people"),
                List.of(copy),
                List.of(old.id()),
                catalog.dataset(DatasetName.of("people")).orElseThrow().currentSnapshotId(),
                "test"));
        assertThat(verifier.verify(DatasetName.of("people"), ANN, null).filesContaining())
                .hasSize(2);

        Erasure e = erasures.request(DatasetName.of("people"), "email", List.of(ANN), null, "test");
        erasures.finish(e.id());

        ErasureVerification after = verifier.verify(DatasetName.of("people"), ANN, null);
        assertThat(after.filesScanned()).isEqualTo(2);
        assertThat(after.erased()).isTrue();
        assertThat(Files.exists(catalog.lakeRoot().resolve(old.relativePath()))).isTrue();
        try (Statement st = writer.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('"
                        + catalog.lakeRoot().resolve(old.relativePath()) + "')")) {
            rs.next();
            assertThat(rs.getLong(1))
                    .as("the old snapshot's file keeps the other rows")
                    .isEqualTo(1);
        }
    }

    @Test
    void companionDatasetsLoseTheValueEvenInRawLines() throws Exception {
        append("people", SCHEMA, write("people", people("(1, '" + ANN + "', 'hi')", "(2, '" + BOB + "', 'yo')")));
        LakeSchema rejects = LakeSchema.of(
                LakeField.nullable("line_number", LakeType.BIGINT), LakeField.nullable("raw_line", LakeType.STRING));
        append(
                "people__rejects",
                rejects,
                writeRaw(
                        "people__rejects",
                        "SELECT * FROM (VALUES (7::BIGINT, 'x,\"" + ANN + "\",bad'), (8, 'y," + BOB
                                + ",bad')) AS t(line_number, raw_line)"));
        assertThat(count("SELECT count(*) FROM people__rejects")).isEqualTo(2);

        Erasure e = erasures.request(DatasetName.of("people"), "email", List.of(ANN), null, "test");

        assertThat(e.datasets()).containsExactly("people", "people__rejects");
        assertThat(count("SELECT count(*) FROM people__rejects")).isEqualTo(1);
        erasures.finish(e.id());
        assertThat(count("SELECT count(*) FROM people__rejects")).isEqualTo(1);
        ErasureVerification after = verifier.verify(DatasetName.of("people"), ANN, null);
        assertThat(after.datasets()).contains("people__rejects");
        assertThat(after.erased()).isTrue();
    }

    @Test
    void upsertDatasetsLoseRowsAndMarkersOfTheKey() throws Exception {
        LakeSchema schema = SCHEMA;
        NewDataFile data = write(
                "cust",
                "SELECT id::BIGINT AS id, email, note, r::BIGINT AS _lakehub_row, false AS _lakehub_deleted FROM (VALUES"
                        + " (1, '" + ANN + "', 'v1', 0), (2, '" + BOB + "', 'v1', 1)) AS t(id, email, note, r)");
        catalog.commit(CommitRequest.merge(
                DatasetName.of("cust"),
                schema,
                List.of(),
                List.of("id"),
                List.of(data),
                List.of(),
                new RowChanges(2, 0, 0),
                null,
                null,
                Map.of(),
                "test"));
        assertThat(count("SELECT count(*) FROM cust")).isEqualTo(2);

        Erasure e = erasures.request(DatasetName.of("cust"), "id", List.of("1"), null, "test");
        assertThat(count("SELECT count(*) FROM cust")).isEqualTo(1);
        erasures.finish(e.id());
        assertThat(count("SELECT count(*) FROM cust")).isEqualTo(1);
        ErasureVerification v = verifier.verify(DatasetName.of("cust"), ANN, null);
        assertThat(v.erased()).as(v.toString()).isTrue();

        // By a column that is not the upsert key.
        Erasure byEmail = erasures.request(DatasetName.of("cust"), "email", List.of(BOB), null, "test");
        assertThat(count("SELECT count(*) FROM cust")).isZero();
        erasures.finish(byEmail.id());
        assertThat(count("SELECT count(*) FROM cust")).isZero();
        assertThat(verifier.verify(DatasetName.of("cust"), BOB, null).erased()).isTrue();
    }

    @Test
    void aRewriteInterruptedByAFailureIsFinishedByTheNextRun() throws Exception {
        append("people", SCHEMA, write("people", people("(1, '" + ANN + "', 'hi')", "(2, '" + BOB + "', 'yo')")));
        append("people", SCHEMA, write("people", people("(3, '" + ANN + "', 'again')")));
        int[] calls = {0};
        erasures.withRewriteHook(file -> {
            if (++calls[0] == 2) {
                throw new IOException("injected crash before replacing " + file.getFileName());
            }
        });
        Erasure e = erasures.request(DatasetName.of("people"), "email", List.of(ANN), null, "test");

        assertThatThrownBy(() -> erasures.finish(e.id())).hasMessageContaining("resumes at the next start");

        Erasure stuck = catalog.erasures().find(e.id()).orElseThrow();
        assertThat(stuck.state()).isEqualTo(ErasureState.INVISIBLE);
        assertThat(stuck.lastError()).contains("injected crash").doesNotContain(ANN);
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(1);
        assertThat(verifier.verify(DatasetName.of("people"), ANN, null).erased())
                .isFalse();

        // A restart: a new service over the same catalog finishes what is unfinished.
        List<Erasure> finished = new Erasures(catalog, null, List.of()).finishUnfinished();

        assertThat(finished).extracting(Erasure::id).containsExactly(e.id());
        assertThat(finished.get(0).state()).isEqualTo(ErasureState.ERASED);
        assertThat(finished.get(0).rowsRemoved()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(1);
        assertThat(verifier.verify(DatasetName.of("people"), ANN, null).erased())
                .isTrue();
    }

    @Test
    void verifyFindsOrphanFilesInTheDatasetFolder() throws Exception {
        append("people", SCHEMA, write("people", people("(2, '" + BOB + "', 'yo')")));
        Path orphan = catalog.lakeRoot().resolve("people/left-by-a-crash.parquet");
        try (Statement st = writer.createStatement()) {
            st.execute("COPY (" + people("(1, '" + ANN + "', 'hi')") + ") TO '" + orphan + "' (FORMAT parquet)");
        }

        ErasureVerification v = verifier.verify(DatasetName.of("people"), ANN, null);

        assertThat(v.erased()).isFalse();
        assertThat(v.filesScanned()).isEqualTo(2);
        assertThat(v.filesContaining()).singleElement().satisfies(f -> {
            assertThat(f.known()).isFalse();
            assertThat(f.where()).contains("values", "statistics");
        });
    }

    @Test
    void withoutAHashKeyAnErasureIsRefusedNamingTheKey() throws Exception {
        append("people", SCHEMA, write("people", people("(1, '" + ANN + "', 'hi')")));
        Erasures keyless = new Erasures(catalog, null, List.of());

        assertThatThrownBy(() -> keyless.request(DatasetName.of("people"), "email", List.of(ANN), null, "test"))
                .isInstanceOf(ErasureRefusedException.class)
                .hasMessageContaining("lakehub.pii.hash-key")
                .hasMessageContaining("LAKEHUB_PII_HASH_KEY");
        assertThatThrownBy(() -> erasures.request(DatasetName.of("people"), "mail", List.of(ANN), null, "test"))
                .hasMessageContaining("no column 'mail'");
        assertThat(count("SELECT count(*) FROM people")).isEqualTo(1);
    }
}

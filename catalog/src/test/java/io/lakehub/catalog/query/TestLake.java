package io.lakehub.catalog.query;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.commit.Snapshot;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lake folder, an {@link InMemoryCatalog} over it, and a separate, unrestricted DuckDB connection
 * that writes Parquet files into it the way an ingest would, before committing them.
 */
final class TestLake implements AutoCloseable {

    final Path root;
    final InMemoryCatalog catalog;
    private final Connection writer;
    private final AtomicInteger files = new AtomicInteger();

    TestLake(Path tempDir) throws IOException, SQLException {
        this.root = Files.createDirectories(tempDir.resolve("lake"));
        this.catalog = new InMemoryCatalog(root);
        this.writer = DriverManager.getConnection("jdbc:duckdb:");
    }

    static LakeSchema schema(Object... nameTypePairs) {
        LakeField[] fields = new LakeField[nameTypePairs.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = LakeField.nullable((String) nameTypePairs[2 * i], (LakeType) nameTypePairs[2 * i + 1]);
        }
        return LakeSchema.of(fields);
    }

    /** Writes the rows of a DuckDB query as a new Parquet file of the dataset; not committed. */
    NewDataFile write(String dataset, String selectSql) throws IOException, SQLException {
        String relative = dataset + "/" + String.format("%05d", files.incrementAndGet()) + ".parquet";
        Path path = root.resolve(relative);
        Files.createDirectories(path.getParent());
        synchronized (writer) {
            try (Statement st = writer.createStatement()) {
                st.execute("COPY (" + selectSql + ") TO " + ViewSql.literal(path.toString()) + " (FORMAT parquet)");
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + selectSql + ")")) {
                    rs.next();
                    return new NewDataFile(relative, rs.getLong(1), Files.size(path), List.of());
                }
            }
        }
    }

    /** Writes a file and commits it as a new snapshot with {@code schema}. */
    Snapshot append(String dataset, LakeSchema schema, String selectSql) throws IOException, SQLException {
        NewDataFile file = write(dataset, selectSql);
        return catalog.commit(CommitRequest.append(
                DatasetName.of(dataset),
                schema,
                List.of(),
                List.of(file),
                new Lineage("test", "test://" + dataset, null, "sha256:" + file.relativePath()),
                "test"));
    }

    /** Commits a snapshot in which the dataset has no live files. */
    Snapshot removeAllFiles(String dataset, LakeSchema schema) {
        List<Long> ids = catalog.liveFiles(DatasetName.of(dataset)).stream()
                .map(DataFile::id)
                .toList();
        return catalog.commit(new CommitRequest(
                DatasetName.of(dataset),
                CommitRequest.Operation.REPLACE,
                schema,
                List.of(),
                List.of(),
                ids,
                new Lineage("test", "test://" + dataset, null, null),
                Map.of(),
                "test"));
    }

    /** Runs SQL on the unrestricted writer connection, e.g. to place a file outside the lake. */
    void writerExecute(String sql) throws SQLException {
        synchronized (writer) {
            try (Statement st = writer.createStatement()) {
                st.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        writer.close();
    }
}

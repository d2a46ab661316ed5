package io.lakehub.processors.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.batch.ArrowSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every format's reader keeps the same lifecycle, because {@link AbstractBatchReader} keeps it once:
 * the content hash only once the file has been read to its end (the position a commit records),
 * the same refusals out of order, the same batch size and row count, idempotent open and close.
 */
class BatchReaderLifecycleTest {
    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void allocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    /** Three rows of id and name in each format (text: one row, the whole file). */
    private Path sample(Format format) throws Exception {
        Path file = dir.resolve("sample." + format.displayName());
        switch (format) {
            case CSV -> Files.writeString(file, "id,name\n1,a\n2,b\n3,c\n", StandardCharsets.UTF_8);
            case JSON ->
                Files.writeString(
                        file,
                        "[{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}, {\"id\": 3, \"name\": \"c\"}]\n",
                        StandardCharsets.UTF_8);
            case NDJSON ->
                Files.writeString(
                        file,
                        "{\"id\": 1, \"name\": \"a\"}\n{\"id\": 2, \"name\": \"b\"}\n{\"id\": 3, \"name\": \"c\"}\n",
                        StandardCharsets.UTF_8);
            case PARQUET -> {
                try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                        Statement s = c.createStatement()) {
                    s.execute("COPY (SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c')) t(id, name)) TO '" + file
                            + "' (FORMAT parquet)");
                }
            }
            case TEXT -> Files.writeString(file, "# notes\n\nthree lines\n", StandardCharsets.UTF_8);
        }
        return file;
    }

    private static int rowsIn(Format format) {
        return format == Format.TEXT ? 1 : 3;
    }

    private static BatchReader reader(Path file, Format format) {
        return BatchReaders.forFile(
                file, ReadOptions.detect().withFormat(format).withBatchRows(1));
    }

    private static String sha256(Path file) throws Exception {
        return "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void theContentHashIsKnownOnlyOnceNextReturnedFalseWithTheSameMessageForEveryFormat(Format format)
            throws Exception {
        Path file = sample(format);
        BatchReader reader = reader(file, format);
        assertThat(reader).isInstanceOf(AbstractBatchReader.class);

        assertThatThrownBy(reader::contentHash)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(AbstractBatchReader.HASH_NOT_YET);
        reader.open();
        // Parquet hashes the file while opening it and text reads it whole in the first batch:
        // still, a position exists only for a source read to its end.
        assertThatThrownBy(reader::contentHash)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(AbstractBatchReader.HASH_NOT_YET);
        List<Integer> sizes = new ArrayList<>();
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(reader.schema()), allocator)) {
            assertThat(reader.next(batch)).isTrue();
            sizes.add(batch.getRowCount());
            assertThatThrownBy(reader::contentHash)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(AbstractBatchReader.HASH_NOT_YET);
            assertThatThrownBy(reader::position).hasMessage(AbstractBatchReader.HASH_NOT_YET);
            while (reader.next(batch)) {
                sizes.add(batch.getRowCount());
            }
            assertThat(batch.getRowCount()).isZero();

            assertThat(reader.contentHash()).isEqualTo(sha256(file));
            assertThat(reader.position()).containsEntry("source.contentHash", sha256(file));
            // Past the end: still no rows, and the hash stays.
            assertThat(reader.next(batch)).isFalse();
            assertThat(batch.getRowCount()).isZero();
        }
        reader.close();
        assertThat(reader.contentHash()).isEqualTo(sha256(file));
        assertThat(reader.rowsRead()).isEqualTo(rowsIn(format));
        assertThat(sizes).hasSize(rowsIn(format)).containsOnly(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void outOfOrderCallsAreRefusedAlikeForEveryFormat(Format format) throws Exception {
        Path file = sample(format);
        BatchReader reader = reader(file, format);

        assertThatThrownBy(reader::schema)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("open() first");
        assertThatThrownBy(reader::batchRows)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("open() first");
        try (VectorSchemaRoot empty = VectorSchemaRoot.of()) {
            assertThatThrownBy(() -> reader.next(empty))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("open() first");
        }
        assertThat(reader.rowsRead()).isZero();

        reader.open();
        var schema = reader.schema();
        reader.open(); // a second open() does nothing
        assertThat(reader.schema()).isEqualTo(schema);
        assertThat(reader.batchRows()).isEqualTo(1);
        reader.readAs(schema);

        try (VectorSchemaRoot batch = VectorSchemaRoot.create(ArrowSchemas.toArrow(schema), allocator)) {
            assertThat(reader.next(batch)).isTrue();
            assertThatThrownBy(() -> reader.readAs(schema))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("readAs() must come before the first next()");

            reader.close();
            reader.close(); // closing twice is harmless
            assertThatThrownBy(() -> reader.next(batch))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(file + ": the reader is closed");
        }
        assertThatThrownBy(reader::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + ": the reader is closed");
        assertThatThrownBy(reader::contentHash).hasMessage(AbstractBatchReader.HASH_NOT_YET);
        assertThat(reader.rowsRead()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aReaderClosedBeforeOpeningIsReleasedAndRefusesToOpen(Format format) throws Exception {
        BatchReader reader = reader(sample(format), format);
        reader.close();
        assertThatThrownBy(reader::open).isInstanceOf(IllegalStateException.class);
    }
}

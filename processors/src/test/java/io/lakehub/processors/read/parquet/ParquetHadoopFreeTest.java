package io.lakehub.processors.read.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.processors.testing.DamagedParquet;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub ships without Hadoop, but hadoop-client-api is on the test class path (parquet-java's
 * builders mention Hadoop types, so it is a provided dependency). These tests therefore read
 * Parquet inside a class loader built from the test class path minus every Hadoop jar, with the
 * platform loader as parent: if reading touched any org.apache.hadoop class, it would fail with
 * NoClassDefFoundError.
 */
class ParquetHadoopFreeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd", "gzip", "lz4_raw", "brotli", "uncompressed"})
    void readsParquetWithoutAnyHadoopClass(String codec) throws Exception {
        Path file = dir.resolve(codec + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS id, 'name ' || i AS name, [i, i + 1] AS pair FROM range(3000) t(i)) TO '"
                    + file + "' (FORMAT parquet, COMPRESSION " + codec + ", ROW_GROUP_SIZE 1000)");
        }

        try (URLClassLoader withoutHadoop =
                new URLClassLoader(classPathWithoutHadoop(), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutHadoop.loadClass("org.apache.hadoop.conf.Configuration"))
                    .isInstanceOf(ClassNotFoundException.class);
            Object summary = withoutHadoop
                    .loadClass(ParquetHadoopFreeProbe.class.getName())
                    .getMethod("summarize", String.class)
                    .invoke(null, file.toString());

            assertThat(summary)
                    .isEqualTo(
                            "[id, name, pair] 3000 rows, last {id=2999, name=name 2999, pair=[2999, 3000]}"); // pair is
            // a
            // list<int> column
        }
    }

    @ParameterizedTest
    @EnumSource(DamagedParquet.Damage.class)
    void aDamagedFileIsRefusedNamingItWithoutReachingHadoop(DamagedParquet.Damage damage) throws Exception {
        Path file = DamagedParquet.damaged(dir, damage);

        String outcome;
        try (URLClassLoader withoutHadoop =
                new URLClassLoader(classPathWithoutHadoop(), ClassLoader.getPlatformClassLoader())) {
            outcome = (String) withoutHadoop
                    .loadClass(ParquetHadoopFreeProbe.class.getName())
                    .getMethod("tryRead", String.class)
                    .invoke(null, file.toString());
        }

        assertThat(outcome).startsWith("refused: " + file + ": ").doesNotContainIgnoringCase("hadoop");
        switch (damage) {
            case VALUE_COUNT ->
                assertThat(outcome)
                        .contains("row group 1, column 'id': its pages hold 1001 values, the file's footer says 1000")
                        .contains("The file is damaged");
            case PAGE_HEADER -> assertThat(outcome).contains("row group 1, column 'id': the page header at byte");
            case BIT_WIDTH ->
                assertThat(outcome)
                        .contains("row group 1, column 'city' (encodings ")
                        .contains("cannot be decoded")
                        .contains("bitWidth");
            case PAGE_DATA ->
                assertThat(outcome)
                        .contains("row group 1, column 'id' (encodings ")
                        .contains("cannot be decoded");
            case FOOTER -> assertThat(outcome).contains("not a readable Parquet file");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "hadoop_lz4_compressed.parquet:4",
                "non_hadoop_lz4_compressed.parquet:4",
                "unknown-logical-type.parquet:3",
                "datapage_v2_empty_datapage.snappy.parquet:1",
                "column_chunk_key_value_metadata.parquet:0"
            })
    void otherWritersFilesReadWithoutHadoop(String fileAndRows) throws Exception {
        String[] parts = fileAndRows.split(":");
        Path file = ParquetCorpusFilesTest.corpus(parts[0]);
        try (URLClassLoader withoutHadoop =
                new URLClassLoader(classPathWithoutHadoop(), ClassLoader.getPlatformClassLoader())) {
            assertThat(withoutHadoop
                            .loadClass(ParquetHadoopFreeProbe.class.getName())
                            .getMethod("tryRead", String.class)
                            .invoke(null, file.toString()))
                    .isEqualTo("read " + parts[1] + " rows");
        }
    }

    @Test
    void theUndamagedFileReadsWithoutHadoop() throws Exception {
        Path file = DamagedParquet.valid(dir, "valid.parquet");
        try (URLClassLoader withoutHadoop =
                new URLClassLoader(classPathWithoutHadoop(), ClassLoader.getPlatformClassLoader())) {
            assertThat(withoutHadoop
                            .loadClass(ParquetHadoopFreeProbe.class.getName())
                            .getMethod("tryRead", String.class)
                            .invoke(null, file.toString()))
                    .isEqualTo("read " + DamagedParquet.ROWS + " rows");
        }
    }

    @Test
    void theTestClassPathReallyHasHadoop() throws Exception {
        // Otherwise the test above would prove nothing.
        assertThat(Class.forName(
                        "org.apache.hadoop.conf.Configuration",
                        false,
                        getClass().getClassLoader()))
                .isNotNull();
        assertThat(classPathWithoutHadoop()).hasSizeGreaterThan(10);
    }

    private static URL[] classPathWithoutHadoop() throws Exception {
        // Surefire may run tests from a manifest-only jar; it publishes the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isEmpty() && !new File(entry).getName().startsWith("hadoop-")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}

package io.lakehub.processors.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the Parquet write and read paths need no Hadoop class at run time. hadoop-client-api is
 * {@code provided} (compile-time only) and therefore on the test class path, so checking "was a
 * Hadoop class loaded" in this JVM would be fragile; instead {@link HadoopFreeProbe} runs in a
 * class loader built from the test class path minus every Hadoop jar, with the platform loader as
 * parent. Any Hadoop class the path touches fails with {@code NoClassDefFoundError}. The file is read
 * back by DuckDB inside that loader, as the lake's query engine reads it.
 */
class HadoopFreeTest {
    @TempDir
    Path lake;

    @Test
    void writingAndReadingBackLoadsNoHadoopClass() throws Exception {
        List<URL> urls = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            if (Path.of(entry).getFileName().toString().startsWith("hadoop-")) {
                dropped.add(entry);
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(dropped)
                .as("hadoop-client-api is on the test class path (provided scope)")
                .isNotEmpty();

        try (URLClassLoader noHadoop =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration", false, noHadoop))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = Class.forName(HadoopFreeProbe.class.getName(), true, noHadoop);
            assertThat(probe.getClassLoader()).isSameAs(noHadoop);

            @SuppressWarnings("unchecked")
            List<String> result =
                    (List<String>) probe.getMethod("run", Path.class).invoke(null, lake);

            String expected = " 1000 1000 text 1 " + (999L * 1000 / 2) * 1_000_000_000L + " 1000";
            assertThat(result).containsExactly("ZSTD" + expected, "SNAPPY" + expected, "UNCOMPRESSED" + expected);
        }
    }
}

package io.lakehub.processors.iceberg;

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
 * Publishing needs no Hadoop class (ADR 0039): {@link IcebergHadoopFreeProbe} runs in a class loader
 * built from the test class path minus every Hadoop jar (Hadoop is on the test class path for
 * iceberg-data's reader), so any Hadoop class that publishing touched would fail it.
 */
class IcebergHadoopFreeTest {
    @TempDir
    Path home;

    @Test
    void publishingAnUpsertDatasetLoadsNoHadoopClass() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && !Path.of(entry).getFileName().toString().startsWith("hadoop-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        try (URLClassLoader noHadoop =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration", false, noHadoop))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> probe = Class.forName(IcebergHadoopFreeProbe.class.getName(), true, noHadoop);
            Object result = probe.getMethod("run", Path.class).invoke(null, home);
            assertThat(result).isEqualTo("2 data files, 2 delete files");
        }
    }
}

package io.lakehub.processors.read.parquet;

import ch.qos.logback.classic.Level;
import io.lakehub.processors.read.ReadFailedException;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.read.ReadResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Loaded by {@link ParquetHadoopFreeTest} in a class loader without Hadoop: reads a Parquet file
 * and summarises it as text, so that nothing but Strings crosses between the two class loaders.
 */
public final class ParquetHadoopFreeProbe {
    private ParquetHadoopFreeProbe() {}

    public static String summarize(String file) {
        // This class loader has its own logback; parquet-java logs footers (data values) at DEBUG.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.parquet")).setLevel(Level.INFO);
        ParquetBatchReader reader = new ParquetBatchReader(Path.of(file), ReadOptions.detect());
        List<Map<String, Object>> rows = ReadResults.readAll(reader);
        return reader.schema().names() + " " + rows.size() + " rows, last " + rows.get(rows.size() - 1);
    }

    /**
     * Reads the whole file: {@code read N rows}, {@code refused: <message>} for a {@link
     * ReadFailedException}, else {@code failed: <throwable>} (a Hadoop class would show up here).
     */
    public static String tryRead(String file) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.parquet")).setLevel(Level.INFO);
        try {
            return "read "
                    + ReadResults.readAll(new ParquetBatchReader(Path.of(file), ReadOptions.detect()))
                            .size() + " rows";
        } catch (ReadFailedException e) {
            return "refused: " + e.getMessage();
        } catch (Throwable t) {
            return "failed: " + t;
        }
    }
}

package io.lakehub.processors.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The labelled corpus (src/test/resources/pii-corpus, see the benchmarks' PiiCorpus and
 * PiiAccuracy) holds the scan to issue 9's bar: column-level precision at least 0.98, recall at
 * least 0.95. {@code bench/run PiiAccuracy} prints the per-type figures and the mistakes.
 */
class PiiCorpusTest {
    private static final Path CORPUS = Path.of("src/test/resources/pii-corpus");

    @Test
    void precisionAndRecallMeetTheBar() throws IOException {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long columns = 0;
        Map<String, Map<String, String>> labels = new HashMap<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("labels"))
                    .toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.startsWith("#") && !line.isBlank()) {
                        String[] p = line.split("\t", -1);
                        labels.computeIfAbsent(p[0], k -> new HashMap<>()).put(p[1], p[2]);
                    }
                }
            }
        }
        for (Map.Entry<String, Map<String, String>> file : labels.entrySet()) {
            List<ColumnClassification> result = FileScan.scan(CORPUS.resolve(file.getKey()), ScanOptions.DEFAULTS)
                    .columns();
            for (ColumnClassification c : result) {
                String label = file.getValue().get(c.column());
                if (label == null) {
                    continue;
                }
                columns++;
                PiiType expected = label.equals("-") ? null : PiiType.valueOf(label);
                if (c.pii() != null && c.pii() == expected) {
                    tp++;
                } else {
                    fp += c.pii() != null ? 1 : 0;
                    fn += expected != null ? 1 : 0;
                }
            }
        }
        assertThat(columns).isGreaterThanOrEqualTo(150);
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);
        assertThat(precision).as("precision (tp %d, fp %d)", tp, fp).isGreaterThanOrEqualTo(0.98);
        assertThat(recall).as("recall (tp %d, fn %d)", tp, fn).isGreaterThanOrEqualTo(0.95);
    }
}

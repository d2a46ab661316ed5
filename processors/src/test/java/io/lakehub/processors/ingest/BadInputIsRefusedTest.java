package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.DamagedParquet;
import io.lakehub.testing.InMemoryCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a source holds, ingesting it either commits or is refused ({@link
 * IngestRefusedException} naming the file, nothing written): no reader failure may escape as
 * another exception, which the HTTP API would answer with a 500.
 */
class BadInputIsRefusedTest {

    @TempDir
    Path tmp;

    Path lake;
    Path in;
    InMemoryCatalog catalog;
    Ingestor ingestor;

    @BeforeEach
    void setUp() throws IOException {
        lake = Files.createDirectories(tmp.resolve("lake"));
        in = Files.createDirectories(tmp.resolve("in"));
        catalog = new InMemoryCatalog(lake);
        ingestor = new Ingestor(catalog, IngestSettings.defaults().withWriterThreads(2));
    }

    @AfterEach
    void tearDown() {
        ingestor.close();
    }

    @Test
    void everyBadSourceIsARefusalNamingTheFileAndLeavesNothing() throws IOException {
        Map<String, byte[]> sources = new LinkedHashMap<>();
        sources.put("empty-key.json", "[{\"\": 1, \"a\": 2}]".getBytes(StandardCharsets.UTF_8));
        sources.put("empty-key.ndjson", "{\"\": 1}\n{\"\": 2}\n".getBytes(StandardCharsets.UTF_8));
        sources.put("empty-header.csv", "a,,b\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
        sources.put("same-header.csv", "a,a\n1,2\n".getBytes(StandardCharsets.UTF_8));
        sources.put("case-header.csv", "a,A\n1,2\n".getBytes(StandardCharsets.UTF_8));
        sources.put("unclosed.csv", "a,b\n1,\"two\n".getBytes(StandardCharsets.UTF_8));
        sources.put(
                "deep.json",
                ("[{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}]").getBytes(StandardCharsets.UTF_8));
        sources.put("huge-number.ndjson", "{\"a\": 1e999999}\n".getBytes(StandardCharsets.UTF_8));
        sources.put("big-integer.ndjson", "{\"a\": 123456789012345678901234567890}\n".getBytes(StandardCharsets.UTF_8));
        sources.put("lone-surrogate.ndjson", "{\"a\": \"\\ud800\"}\n".getBytes(StandardCharsets.UTF_8));
        sources.put("scalar.json", "42".getBytes(StandardCharsets.UTF_8));
        sources.put("numbers.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
        sources.put("nulls.ndjson", "null\n[]\n".getBytes(StandardCharsets.UTF_8));
        sources.put("mixed.json", "[{\"a\": 1}, 2]".getBytes(StandardCharsets.UTF_8));
        sources.put("nested-key-clash.json", "[{\"a\": {\"b\": 1, \"b\": 2}}]".getBytes(StandardCharsets.UTF_8));
        sources.put("cr-only.csv", "a,b\r1,2\r3,4\r".getBytes(StandardCharsets.UTF_8));
        sources.put(
                "wide.csv",
                (String.join(",", java.util.Collections.nCopies(20_000, "c")) + "\n").getBytes(StandardCharsets.UTF_8));
        sources.put("utf16.csv", "id,name\n1,a\n".getBytes(StandardCharsets.UTF_16LE));
        sources.put("bom-only.csv", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        sources.put("nul-header.txt", "a\u0000b\nline\n".getBytes(StandardCharsets.UTF_8));
        Random random = new Random(20261130L);
        for (String ext : List.of("csv", "json", "ndjson", "txt", "parquet")) {
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            if (ext.equals("parquet")) {
                // The magic at both ends, so that it is taken for Parquet and its footer is read.
                System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, garbage, 0, 4);
                System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, garbage, garbage.length - 4, 4);
            }
            sources.put("garbage." + ext, garbage);
        }

        List<String> escaped = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, byte[]> source : sources.entrySet()) {
            Path file = Files.write(in.resolve(source.getKey()), source.getValue());
            DatasetName dataset = DatasetName.of("d" + n++);
            try {
                ingestor.ingest(IngestRequest.builder(dataset)
                        .file(file)
                        .options(ReadOptions.detect())
                        .sourceSystem("test")
                        .actor("tester")
                        .build());
            } catch (IngestRefusedException e) {
                if (!e.getMessage().startsWith(file.toString())) {
                    escaped.add(source.getKey() + ": refusal does not name the file: " + e.getMessage());
                }
                assertThat(catalog.dataset(dataset)).as(source.getKey()).isEmpty();
            } catch (RuntimeException e) {
                escaped.add(source.getKey() + ": " + e);
            }
        }
        for (DamagedParquet.Damage damage : DamagedParquet.Damage.values()) {
            Path file = DamagedParquet.damaged(in, damage);
            DatasetName dataset = DatasetName.of("p" + damage.ordinal());
            try {
                ingestor.ingest(IngestRequest.builder(dataset)
                        .file(file)
                        .options(ReadOptions.detect())
                        .sourceSystem("test")
                        .actor("tester")
                        .build());
                escaped.add(file + ": a damaged file was committed");
            } catch (IngestRefusedException e) {
                assertThat(e.getMessage()).startsWith(file.toString());
            } catch (RuntimeException e) {
                escaped.add(file.getFileName() + ": " + e);
            }
        }

        assertThat(escaped).isEmpty();
        List<String> committed = catalog.datasets().stream()
                .flatMap(d -> catalog.liveFiles(DatasetName.of(d.name())).stream())
                .map(DataFile::relativePath)
                .toList();
        assertThat(catalog.filesOnDisk()).containsExactlyInAnyOrderElementsOf(committed);
    }
}

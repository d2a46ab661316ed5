package io.lakehub.processors.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.testing.EmbeddedLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest loop tells the progress bound to its thread how many rows it has read, once per batch,
 * on the real catalog; a thread without a binding is not told anything, and a binding ends with its
 * scope.
 */
class IngestProgressTest {

    @TempDir
    Path home;

    @Test
    void theIngestReportsTheRowsReadAfterEveryBatchToTheBoundProgress() throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 2_500; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        Path file =
                Files.writeString(Files.createDirectories(home.resolve("in")).resolve("people.csv"), csv);
        List<Long> reported = new CopyOnWriteArrayList<>();
        try (EmbeddedLake lake = EmbeddedLake.open(home.resolve("lake"))) {
            IngestResult result;
            try (IngestProgress.Binding bound = IngestProgress.bind(reported::add)) {
                result = lake.ingestor()
                        .ingest(IngestRequest.builder(DatasetName.of("people"))
                                .file(file)
                                .options(ReadOptions.detect().withBatchRows(1_000))
                                .sourceSystem("test")
                                .actor("tester")
                                .build());
            }
            assertThat(result.rows()).isEqualTo(2_500);
        }
        assertThat(reported).containsExactly(1_000L, 2_000L, 2_500L);
        assertThat(IngestProgress.current()).isSameAs(IngestProgress.NONE);
    }

    @Test
    void bindingsNestAndEachPutsBackTheOneBefore() {
        IngestProgress outer = rows -> {};
        IngestProgress inner = rows -> {};
        try (IngestProgress.Binding a = IngestProgress.bind(outer)) {
            try (IngestProgress.Binding b = IngestProgress.bind(inner)) {
                assertThat(IngestProgress.current()).isSameAs(inner);
            }
            assertThat(IngestProgress.current()).isSameAs(outer);
        }
        assertThat(IngestProgress.current()).isSameAs(IngestProgress.NONE);
    }
}

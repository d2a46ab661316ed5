package io.lakehub.app.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.processors.ingest.IngestMode;
import io.lakehub.processors.ingest.IngestRequest;
import io.lakehub.processors.ingest.IngestSettings;
import io.lakehub.processors.ingest.Ingestor;
import io.lakehub.processors.parquet.ParquetWriteOptions;
import io.lakehub.processors.read.Format;
import io.lakehub.processors.read.ReadOptions;
import io.lakehub.processors.upsert.CompactionThresholds;
import io.lakehub.processors.upsert.Compactor;
import io.lakehub.processors.upsert.UpsertCommitPlanner;
import io.lakehub.schedules.JobContext;
import io.lakehub.schedules.JobOutcome;
import io.lakehub.schedules.Progress;
import io.lakehub.schedules.TriggerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the maintenance jobs report as progress, on the embedded catalog. */
class MaintenanceJobProgressTest {
    @TempDir
    Path home;

    JdbcCatalog catalog;
    final Recorded progress = new Recorded();
    int files;

    @BeforeEach
    void open() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("home")));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void compactionReportsTheUpsertDatasetsLookedAtOfThoseInTheCatalog() throws IOException {
        try (Ingestor ingestor = new Ingestor(
                catalog,
                IngestSettings.defaults(),
                dataset -> null,
                new UpsertCommitPlanner(catalog, ParquetWriteOptions.defaults()))) {
            for (String name : List.of("orders", "customers")) {
                ingest(ingestor, name, IngestMode.UPSERT, "id,status\n1,new\n2,new\n");
                ingest(ingestor, name, IngestMode.UPSERT, "id,status\n2,paid\n");
            }
            ingest(ingestor, "events", IngestMode.APPEND, "id,status\n1,x\n");
        }
        CompactionThresholds thresholds = new CompactionThresholds(1, 0.5, 2, Duration.ZERO);
        CompactionJob job = new CompactionJob(new Compactor(catalog, ParquetWriteOptions.defaults(), thresholds));

        JobOutcome outcome = job.run(context());

        assertThat(progress.events).containsExactly("total 2 datasets", "advance 1", "advance 1");
        assertThat(outcome.result()).startsWith("compacted 2 dataset(s) [customers, orders]");
    }

    @Test
    void theOrphanSweepReportsTheFilesCheckedOfThoseOldEnoughToCheck() throws IOException {
        Instant old = Instant.now().minus(Duration.ofHours(2));
        for (String f : List.of("people/a.parquet", "people/b.parquet", "orders/c.parquet")) {
            Path p = catalog.lakeRoot().resolve(f);
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1});
            Files.setLastModifiedTime(p, FileTime.from(old));
        }

        JobOutcome outcome = new OrphanSweepJob(catalog, Duration.ofHours(1)).run(context());

        assertThat(progress.events).containsExactly("total 3 files", "advance 1", "advance 1", "advance 1");
        assertThat(outcome.result()).startsWith("deleted 3 orphan files");
    }

    private void ingest(Ingestor ingestor, String dataset, IngestMode mode, String csv) throws IOException {
        Path f = Files.writeString(
                Files.createDirectories(home.resolve("in")).resolve(dataset + "-" + (++files) + ".csv"), csv);
        IngestRequest.Builder request = IngestRequest.builder(DatasetName.of(dataset))
                .file(f)
                .options(ReadOptions.detect().withFormat(Format.CSV))
                .sourceSystem("test")
                .actor("tester")
                .mode(mode);
        if (mode == IngestMode.UPSERT) {
            request.key(List.of("id"));
        }
        ingestor.ingest(request.build());
    }

    private JobContext context() {
        return new JobContext(1, TriggerKind.MANUAL, "hub-a", null, progress);
    }

    /** Every call, in order. */
    static final class Recorded implements Progress {
        final List<String> events = new ArrayList<>();

        @Override
        public Progress total(long total, String unit) {
            events.add("total " + total + " " + unit);
            return this;
        }

        @Override
        public void advance(long done) {
            events.add("advance " + done);
        }
    }
}

package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEvent;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanSweepTest {
    private static final DatasetName PEOPLE = DatasetName.of("people");
    private static final LakeSchema SCHEMA = LakeSchema.of(LakeField.nullable("id", LakeType.INT));
    private static final Duration GRACE = Duration.ofHours(1);

    @TempDir
    Path tmp;

    JdbcCatalog catalog;
    Path lake;
    Instant old;

    @BeforeEach
    void open() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(tmp.resolve("home")));
        lake = catalog.lakeRoot();
        old = Instant.now().minus(GRACE).minus(Duration.ofMinutes(5));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    Path file(String relative, Instant mtime) throws IOException {
        Path p = lake.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(p, FileTime.from(mtime));
        return p;
    }

    NewDataFile committed(String relative) throws IOException {
        file(relative, old);
        return new NewDataFile(relative, 1, 3, List.of());
    }

    void commit(CommitRequest.Operation op, List<NewDataFile> added, List<Long> removed) {
        catalog.commit(new CommitRequest(
                PEOPLE,
                op,
                SCHEMA,
                List.of(),
                added,
                removed,
                new Lineage("test", null, null, null),
                Map.of(),
                "test"));
    }

    @Test
    void deletesOldUnreferencedAndTempFilesAndKeepsEverythingElse() throws Exception {
        commit(
                CommitRequest.Operation.APPEND,
                List.of(committed("people/a.parquet"), committed("people/b.parquet")),
                List.of());
        DataFile b = catalog.liveFiles(PEOPLE).stream()
                .filter(f -> f.relativePath().equals("people/b.parquet"))
                .findFirst()
                .orElseThrow();
        // b stays referenced by history after this commit removes it.
        commit(CommitRequest.Operation.REPLACE, List.of(committed("people/c.parquet")), List.of(b.id()));

        Path orphan = file("people/orphan.parquet", old);
        Path nestedOrphan = file("people/2026/01/orphan.parquet", old);
        Path tempDash = file("people/.tmp-123-part.parquet", old);
        Path tempSuffix = file("people/part-9.parquet.tmp", old);
        Path rootTemp = file(".tmp-upload", old);
        Path neverCommittedDataset = file("failed_first/part-1.parquet", old);
        Path young = file("people/in-flight.parquet", Instant.now());
        Path youngTemp = file("people/.tmp-in-flight", Instant.now());
        Path notADatasetFolder = file("Upper/old.parquet", old);
        Path rootFile = file("README.txt", old);

        int deleted = catalog.sweepOrphans(GRACE);

        assertThat(deleted).isEqualTo(6);
        assertThat(List.of(orphan, nestedOrphan, tempDash, tempSuffix, rootTemp, neverCommittedDataset))
                .allSatisfy(p -> assertThat(p).doesNotExist());
        assertThat(List.of(young, youngTemp, notADatasetFolder, rootFile))
                .allSatisfy(p -> assertThat(p).exists());
        assertThat(List.of("people/a.parquet", "people/b.parquet", "people/c.parquet"))
                .allSatisfy(rel -> assertThat(lake.resolve(rel)).exists());

        AuditEvent event = catalog.audit().latest(1).get(0);
        assertThat(event.action()).isEqualTo("lake.sweep");
        assertThat(event.actor()).isEqualTo("system");
        JsonNode details = CatalogJson.read(event.details());
        assertThat(details.path("deleted").asInt()).isEqualTo(6);
        assertThat(details.path("temp").asInt()).isEqualTo(3);
        assertThat(catalog.audit().verify().intact()).isTrue();

        assertThat(catalog.sweepOrphans(GRACE)).isZero();
        assertThat(catalog.audit().latest(1).get(0)).isEqualTo(event);
    }

    @Test
    void reportsTheFilesOldEnoughToCheckThenEachFileChecked() throws Exception {
        commit(CommitRequest.Operation.APPEND, List.of(committed("people/kept.parquet")), List.of());
        file("people/orphan.parquet", old);
        file("people/young.parquet", Instant.now());
        file(".tmp-crashed", old);
        List<String> heard = new java.util.ArrayList<>();

        int deleted = catalog.sweepOrphans(GRACE, new io.lakehub.catalog.Catalog.SweepProgress() {
            @Override
            public void listed(long files) {
                heard.add("listed " + files);
            }

            @Override
            public void checked(long files) {
                heard.add("checked " + files);
            }
        });

        assertThat(deleted).isEqualTo(2);
        assertThat(heard)
                .as("the young file is not checked")
                .containsExactly("listed 3", "checked 1", "checked 1", "checked 1");
    }

    @Test
    void neverFollowsSymbolicLinksOutOfTheLake() throws Exception {
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Path precious = outside.resolve("precious.parquet");
        Files.write(precious, new byte[] {9});
        Files.setLastModifiedTime(precious, FileTime.from(old));
        Files.createDirectories(lake.resolve("people"));
        Path fileLink = Files.createSymbolicLink(lake.resolve("people/link.parquet"), precious);
        Path dirLink = Files.createSymbolicLink(lake.resolve("linked"), outside);

        assertThat(catalog.sweepOrphans(Duration.ZERO)).isZero();

        assertThat(precious).exists();
        assertThat(fileLink).isSymbolicLink();
        assertThat(dirLink).isSymbolicLink();
    }

    @Test
    void anEmptyLakeHasNothingToSweep() throws Exception {
        assertThat(catalog.sweepOrphans(Duration.ZERO)).isZero();
        assertThat(lake.resolve(LakeBinding.MARKER))
                .as("the sweep leaves the lake's marker")
                .exists();
        Files.delete(lake.resolve(LakeBinding.MARKER));
        Files.delete(lake);
        assertThat(catalog.sweepOrphans(Duration.ZERO)).isZero();
        assertThat(catalog.audit().latest(1)).isEmpty();
    }

    @Test
    void refusesANegativeGrace() {
        assertThatThrownBy(() -> catalog.sweepOrphans(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grace");
    }
}

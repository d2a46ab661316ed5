package io.lakehub.catalog.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build lease and the publish of a vector index build (migration V15, ADR 0047): one holder at a
 * time, renewable by its holder, taken over once expired; a publish counts only while its builder
 * holds the lease.
 */
class VectorBuildLeaseTest {
    private static final Instant T0 = Instant.parse("2026-12-01T06:00:00Z");

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private VectorIndexStore store;

    @BeforeEach
    void open() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        store = catalog.vectorIndexes();
        assertThat(store.insert(new StoredVectorIndex(
                        "docs_idx",
                        "docs",
                        "id",
                        "body",
                        480,
                        80,
                        "hashing",
                        "feature-hashing",
                        "1",
                        64,
                        32,
                        100,
                        1.2,
                        1.2,
                        true,
                        5,
                        "manual",
                        0,
                        0,
                        0,
                        null,
                        null,
                        null,
                        "admin",
                        T0,
                        null)))
                .isTrue();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void oneHolderAtATimeUntilItExpiresOrIsGivenUp() {
        assertThat(store.leaseBuild("docs_idx", "hub-a/job-1", "job-1", T0, T0.plusSeconds(30)))
                .isTrue();
        assertThat(store.leaseBuild("docs_idx", "hub-b/job-2", "job-2", T0.plusSeconds(1), T0.plusSeconds(31)))
                .isFalse();
        assertThat(store.buildLease("docs_idx", T0.plusSeconds(1)))
                .contains(new BuildLease("docs_idx", "hub-a/job-1", "job-1", T0.plusSeconds(30)));
        // Renewed by its holder.
        assertThat(store.leaseBuild("docs_idx", "hub-a/job-1", "job-1", T0.plusSeconds(20), T0.plusSeconds(50)))
                .isTrue();
        assertThat(store.leaseBuild("docs_idx", "hub-b/job-2", "job-2", T0.plusSeconds(40), T0.plusSeconds(70)))
                .isFalse();
        // Expired unrenewed: another hub takes it.
        assertThat(store.leaseBuild("docs_idx", "hub-b/job-2", "job-2", T0.plusSeconds(51), T0.plusSeconds(81)))
                .isTrue();
        assertThat(store.buildLease("docs_idx", T0.plusSeconds(52))
                        .orElseThrow()
                        .holder())
                .isEqualTo("hub-b/job-2");
        // Giving up a lease one no longer holds changes nothing.
        store.releaseBuild("docs_idx", "hub-a/job-1");
        assertThat(store.buildLease("docs_idx", T0.plusSeconds(52))).isPresent();
        store.releaseBuild("docs_idx", "hub-b/job-2");
        assertThat(store.buildLease("docs_idx", T0.plusSeconds(52))).isEmpty();
        assertThat(store.leaseBuild("docs_idx", "hub-a/job-3", "job-3", T0.plusSeconds(53), T0.plusSeconds(83)))
                .isTrue();
    }

    @Test
    void aBuildIsPublishedOnlyByTheLeaseHolderInOneUpdate() {
        assertThat(store.leaseBuild("docs_idx", "hub-a/job-1", "job-1", T0, T0.plusSeconds(30)))
                .isTrue();
        assertThat(store.publish("docs_idx", "hub-b/job-2", "b2", 9, 9, 1, "cd".repeat(32), T0))
                .isFalse();
        assertThat(store.find("docs_idx").orElseThrow().buildId()).isNull();

        store.failed("docs_idx", "earlier failure");
        assertThat(store.publish("docs_idx", "hub-a/job-1", "b1", 10, 12, 34, "ab".repeat(32), T0.plusSeconds(5)))
                .isTrue();
        StoredVectorIndex read = store.find("docs_idx").orElseThrow();
        assertThat(read.buildId()).isEqualTo("b1");
        assertThat(read.rowCount()).isEqualTo(10);
        assertThat(read.chunkCount()).isEqualTo(12);
        assertThat(read.buildMillis()).isEqualTo(34);
        assertThat(read.buildSignature()).isEqualTo("ab".repeat(32));
        assertThat(read.refreshedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read.lastError()).isNull();

        // Another hub took the expired lease: the first builder's late publish is refused.
        assertThat(store.leaseBuild("docs_idx", "hub-b/job-2", "job-2", T0.plusSeconds(31), T0.plusSeconds(61)))
                .isTrue();
        assertThat(store.publish("docs_idx", "hub-a/job-1", "b3", 11, 13, 1, "ef".repeat(32), T0.plusSeconds(32)))
                .isFalse();
        assertThat(store.find("docs_idx").orElseThrow().buildId()).isEqualTo("b1");

        // Deleting the index drops its lease.
        assertThat(store.delete("docs_idx")).isTrue();
        assertThat(store.buildLease("docs_idx", T0.plusSeconds(40))).isEmpty();
    }
}

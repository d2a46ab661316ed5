package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.LakehubException;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.catalog.vectors.BuildLease;
import io.lakehub.catalog.vectors.StoredVectorIndex;
import io.lakehub.catalog.vectors.VectorIndexStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build lease as a refresh uses it (ADR 0047): a second refresh waits (told who builds) until the
 * first gives the lease up; a builder whose lease expired and was taken by another hub finds it lost,
 * stops, and does not give up the other hub's lease.
 */
class IndexBuildLeaseTest {
    private static final Duration LENGTH = Duration.ofMillis(300);

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    private VectorIndexStore store;

    @BeforeEach
    void open() {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home));
        store = catalog.vectorIndexes();
        store.insert(new StoredVectorIndex(
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
                Instant.now(),
                null));
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    @Test
    void aSecondRefreshWaitsForTheFirstToGiveTheLeaseUp() throws Exception {
        Clock clock = Clock.systemUTC();
        IndexBuildLease first = IndexBuildLease.acquire(
                store, "docs_idx", "hub-a/job-1", "job-1", Duration.ofMinutes(1), clock, null, other -> {});
        AtomicReference<Optional<BuildLease>> told = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<IndexBuildLease> second = CompletableFuture.supplyAsync(
                () -> IndexBuildLease.acquire(store, "docs_idx", "hub-b/job-2", "job-2", LENGTH, clock, null, other -> {
                    told.set(other);
                    waiting.countDown();
                }));
        assertThat(waiting.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(told.get()).hasValueSatisfying(l -> assertThat(l.jobId()).isEqualTo("job-1"));
        assertThat(second).isNotDone();

        first.close();
        try (IndexBuildLease taken = second.get(30, TimeUnit.SECONDS)) {
            assertThat(taken.lost()).isFalse();
            assertThat(store.buildLease("docs_idx", Instant.now()).orElseThrow().holder())
                    .isEqualTo("hub-b/job-2");
        }
        assertThat(store.buildLease("docs_idx", Instant.now())).isEmpty();
    }

    @Test
    void aLeaseTakenOverAfterItExpiredIsLostAndNotGivenUpByItsFormerHolder() {
        Instant t0 = Instant.parse("2026-12-01T06:00:00Z");
        MutableClock clock = new MutableClock(t0);
        IndexBuildLease a =
                IndexBuildLease.acquire(store, "docs_idx", "hub-a/job-1", "job-1", LENGTH, clock, null, o -> {});
        clock.now = t0.plusMillis(100);
        a.renew();
        assertThat(a.lost()).isFalse();
        a.check();

        clock.now = t0.plusMillis(100).plus(LENGTH).plusMillis(1); // expired unrenewed (a long pause)
        assertThat(a.lost()).isTrue();
        IndexBuildLease b =
                IndexBuildLease.acquire(store, "docs_idx", "hub-b/job-2", "job-2", LENGTH, clock, null, o -> {});
        a.renew();
        assertThat(a.lost()).isTrue();
        assertThatThrownBy(a::check)
                .isInstanceOf(LakehubException.class)
                .hasMessageContaining("lost the build lease of vector index docs_idx");
        a.close();
        assertThat(store.buildLease("docs_idx", clock.now).orElseThrow().holder())
                .isEqualTo("hub-b/job-2");
        b.close();
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}

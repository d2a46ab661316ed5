package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.BIGINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.catalog.schema.LakeSchema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers on four threads while snapshots keep landing: each query sees one whole snapshot. */
class ConcurrentQueriesTest {

    private static final int ROWS_PER_FILE = 100;
    private static final int SNAPSHOTS = 25;

    @TempDir
    Path tmp;

    @Test
    void everyQuerySeesAWholeCommittedSnapshotAndNeverGoesBack() throws Exception {
        LakeSchema s = schema("k", BIGINT, "v", BIGINT);
        try (TestLake lake = new TestLake(tmp);
                DuckDbSqlEngine engine = new DuckDbSqlEngine(lake.catalog, QuerySettings.defaults())) {
            // Snapshot k adds one file of 100 rows with v = k, so snapshot k holds 100*k rows summing
            // to 100*k*(k+1)/2: a query that saw part of a commit would not match any k.
            lake.append("events", s, file(1));
            AtomicBoolean writerDone = new AtomicBoolean();
            AtomicInteger queries = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            try {
                Future<?> writer = pool.submit(() -> {
                    go.await();
                    for (int k = 2; k <= SNAPSHOTS; k++) {
                        // Let the readers run a few queries against each snapshot before the next one.
                        int target = queries.get() + 4;
                        await().atMost(Duration.ofMinutes(1)).until(() -> queries.get() >= target);
                        lake.append("events", s, file(k));
                    }
                    writerDone.set(true);
                    return null;
                });
                List<Future<List<Long>>> readers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    readers.add(pool.submit(() -> {
                        go.await();
                        List<Long> seen = new ArrayList<>();
                        boolean last = false;
                        while (!last) {
                            last = writerDone.get();
                            List<Object> row = engine.query("SELECT count(*), sum(v), count(DISTINCT v) FROM events")
                                    .rows()
                                    .getFirst();
                            long rows = (Long) row.get(0);
                            long k = rows / ROWS_PER_FILE;
                            assertThat(rows % ROWS_PER_FILE).isZero();
                            assertThat(row.get(1)).isEqualTo(new BigDecimal(ROWS_PER_FILE * k * (k + 1) / 2));
                            assertThat(row.get(2)).isEqualTo(k);
                            seen.add(k);
                            queries.incrementAndGet();
                        }
                        return seen;
                    }));
                }
                go.countDown();
                writer.get(2, TimeUnit.MINUTES);
                for (Future<List<Long>> reader : readers) {
                    List<Long> seen = reader.get(2, TimeUnit.MINUTES);
                    assertThat(seen).isSorted();
                    assertThat(seen.getLast()).isEqualTo(SNAPSHOTS);
                    assertThat(seen.stream().distinct().count()).isGreaterThan(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String file(int k) {
        return "SELECT " + k + "::BIGINT AS v, range::BIGINT AS k FROM range(" + ROWS_PER_FILE + ")";
    }
}

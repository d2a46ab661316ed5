package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lakehub.app.api.document.IndexRequest;
import io.lakehub.app.api.document.IndexSearchRequest;
import io.lakehub.app.api.document.IndexSearchResponse;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.query.QueryResult;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import io.lakehub.vector.embed.HashingEmbeddingProvider;
import io.lakehub.vector.index.RefreshListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs' vector indexes on one catalog and one lake, in one process (ADR 0047): a build published
 * by one hub is reopened by the other on its next search, superseded builds stay for the grace period
 * and are deleted after it, and two refreshes requested at once on both hubs make one build.
 */
class ClusteredIndexesTest {
    private static final DatasetName DOCS = DatasetName.of("docs");

    @TempDir
    Path home;

    private JdbcCatalog catalog;
    /** The dataset's rows (key → text), as the SQL engine of every hub reads them. */
    private final Map<String, String> rows = new TreeMap<>();

    private final AtomicInteger files = new AtomicInteger();
    private final List<HubIndexes> hubs = new ArrayList<>();

    @BeforeEach
    void openCatalog() throws Exception {
        catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("home")));
        add("1", "apples and pears from the orchard");
    }

    @AfterEach
    void close() {
        hubs.forEach(HubIndexes::close);
        catalog.close();
    }

    @Test
    void aBuildPublishedByOneHubIsSearchedThroughTheOtherAndSupersededBuildsGoAfterTheGrace() throws Exception {
        HubIndexes a = hub(Duration.ofMinutes(10), SqlGate.OPEN);
        HubIndexes b = hub(Duration.ZERO, SqlGate.OPEN);
        a.create(null, new IndexRequest("docs_idx", "docs", "id", "body", null, null, null));
        assertThat(search(a, "apples")).isEmpty(); // A has the empty index open

        b.refreshNow("docs_idx", RefreshListener.NONE);
        String first = catalog.vectorIndexes().find("docs_idx").orElseThrow().buildId();
        assertThat(first).isNotNull();
        assertThat(a.directory("docs_idx").resolve("builds").resolve(first).resolve("mapping.bin"))
                .exists();
        assertThat(search(a, "apples")).containsExactly("1");

        add("2", "bananas ripen in the sun");
        a.refreshNow("docs_idx", RefreshListener.NONE);
        String second = catalog.vectorIndexes().find("docs_idx").orElseThrow().buildId();
        assertThat(second).isNotEqualTo(first);
        assertThat(search(b, "bananas")).first().isEqualTo("2");
        assertThat(search(a, "bananas")).first().isEqualTo("2");
        // A's grace is ten minutes: the build it superseded stays for hubs still reading it.
        assertThat(builds(a)).containsExactlyInAnyOrder(first, second);

        add("3", "cherries in a bowl");
        b.refreshNow("docs_idx", RefreshListener.NONE); // B's grace is zero: superseded builds go now
        String third = catalog.vectorIndexes().find("docs_idx").orElseThrow().buildId();
        assertThat(builds(b)).containsExactly(third);
        assertThat(a.directory("docs_idx").resolve("mapping.bin")).doesNotExist();
        assertThat(search(a, "cherries")).first().isEqualTo("3");
        assertThat(search(b, "apples")).first().isEqualTo("1");
    }

    @Test
    void twoRefreshesRequestedAtOnceOnTwoHubsMakeOneBuild() throws Exception {
        SqlGate gate = new SqlGate();
        HubIndexes a = hub(Duration.ofMinutes(10), gate);
        HubIndexes b = hub(Duration.ofMinutes(10), SqlGate.OPEN);
        a.create(null, new IndexRequest("docs_idx", "docs", "id", "body", null, null, null));

        VectorJob onA = a.refresh("docs_idx");
        assertThat(gate.reading.await(30, TimeUnit.SECONDS)).isTrue(); // A holds the lease, reading rows
        VectorJob onB = b.refresh("docs_idx");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "waiting".equals(onB.document().phase()));
        gate.open.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> onA.finished() && onB.finished());

        assertThat(onA.status()).isEqualTo("succeeded");
        assertThat(onB.status()).isEqualTo("succeeded");
        assertThat(onA.result().upToDate()).isFalse();
        assertThat(onB.result().upToDate())
                .as("B's refresh found A's build up to date")
                .isTrue();
        assertThat(builds(a)).hasSize(1);
        assertThat(search(b, "apples")).containsExactly("1");
        assertThat(catalog.vectorIndexes().buildLease("docs_idx", java.time.Instant.now()))
                .isEmpty();
    }

    @Test
    void aPromotionOrRollbackMadeThroughOneHubIsUsedBySearchesOnTheOther() throws Exception {
        HubIndexes a = hub(Duration.ofMinutes(10), SqlGate.OPEN);
        HubIndexes b = hub(Duration.ofMinutes(10), SqlGate.OPEN);
        a.create(null, new IndexRequest("docs_idx", "docs", "id", "body", null, null, null));
        a.refreshNow("docs_idx", RefreshListener.NONE);
        assertThat(search(b, "apples")).containsExactly("1"); // B has the index open, registry parameters
        io.lakehub.vector.search.SearchParams registered = b.searchParams("docs_idx");
        io.lakehub.vector.tune.TrialParameters live;
        try (var snap = a.openIndex("docs_idx").snapshot()) {
            live = io.lakehub.vector.tune.TrialParameters.of(snap.graphParams(), a.searchParams("docs_idx"));
        }
        var promoted =
                live.withSearch(new io.lakehub.vector.tune.TrialParameters.SearchTime(registered.overquery() + 3, 0.5));

        // Hub A promotes (the catalog first, then its own searcher), as HubTuning does.
        long seq = catalog.tuningJournal()
                .promote(
                        "docs_idx",
                        "promote",
                        promoted.canonical(),
                        live.canonical(),
                        null,
                        "test",
                        "ADMIN",
                        java.time.Instant.now());
        a.applySearchParams("docs_idx", promoted.searchParams(a.searchParams("docs_idx")));
        a.promotionInForce("docs_idx", seq);

        assertThat(search(b, "apples")).containsExactly("1"); // the search that notices it does not fail
        assertThat(b.searchParams("docs_idx").overquery()).isEqualTo(registered.overquery() + 3);
        assertThat(b.searchParams("docs_idx").exactScanSelectivity()).isEqualTo(0.5);

        // A rolls back through its agent: B's next search is back on the previous parameters.
        try (HubTuning tuning = new HubTuning(catalog, a)) {
            tuning.rollback(null, "docs_idx", "test rollback");
        }
        assertThat(a.searchParams("docs_idx").overquery()).isEqualTo(registered.overquery());
        assertThat(search(b, "apples")).containsExactly("1");
        assertThat(b.searchParams("docs_idx").overquery()).isEqualTo(registered.overquery());
        assertThat(b.searchParams("docs_idx").exactScanSelectivity())
                .isEqualTo(live.search().exactScanSelectivity());
    }

    private HubIndexes hub(Duration grace, SqlGate gate) {
        VectorProperties properties = new VectorProperties();
        properties.setProvider("hashing");
        properties.setDimensions(64);
        properties.setBuildGrace(grace);
        properties.setBuildLease(Duration.ofSeconds(5));
        HubIndexes hub = new HubIndexes(
                catalog, () -> new FakeEngine(gate), properties, null, () -> new HashingEmbeddingProvider(64, 42));
        hubs.add(hub);
        return hub;
    }

    private List<String> builds(HubIndexes hub) throws Exception {
        try (Stream<Path> dirs = Files.list(hub.directory("docs_idx").resolve("builds"))) {
            return dirs.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static List<String> search(HubIndexes hub, String query) {
        IndexSearchResponse r = hub.search(null, "docs_idx", new IndexSearchRequest(query, 3, null, null));
        return r.hits().stream().map(IndexSearchResponse.Hit::key).toList();
    }

    /** A row lands in the dataset: a commit makes a new snapshot, as an ingest would. */
    private void add(String key, String text) throws Exception {
        synchronized (rows) {
            rows.put(key, text);
        }
        Path lake = catalog.lakeRoot();
        String rel = "docs/part-" + files.incrementAndGet() + ".parquet";
        Files.createDirectories(lake.resolve("docs"));
        Files.write(lake.resolve(rel), new byte[] {1, 2, 3});
        catalog.commit(CommitRequest.append(
                DOCS,
                LakeSchema.of(LakeField.nullable("id", LakeType.STRING), LakeField.nullable("body", LakeType.STRING)),
                List.of(),
                List.of(new NewDataFile(rel, 1, 3, List.of(new ColumnStats("id", 0, key, key)))),
                new Lineage("test", "file:///docs.csv", null, "sha256:" + key),
                "test"));
    }

    /** Holds the first read of the rows until opened, to keep a build running. */
    private static final class SqlGate {
        static final SqlGate OPEN = new SqlGate();

        static {
            OPEN.open.countDown();
        }

        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
    }

    /** Answers the queries the indexes send (probe, row pages, hit rows) from {@link #rows}. */
    private final class FakeEngine implements SqlEngine {
        private final SqlGate gate;

        FakeEngine(SqlGate gate) {
            this.gate = gate;
        }

        @Override
        public QueryResult query(String sql) {
            List<QueryResult.Column> columns =
                    List.of(new QueryResult.Column("k", "VARCHAR"), new QueryResult.Column("v", "VARCHAR"));
            List<List<Object>> out = new ArrayList<>();
            Map<String, String> now;
            synchronized (rows) {
                now = new TreeMap<>(rows);
            }
            if (sql.contains("NULLS FIRST") && !sql.contains(" WHERE ")) {
                gate.reading.countDown();
                try {
                    gate.open.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                now.forEach((k, v) -> out.add(List.of(k, v)));
            } else if (sql.contains("\"__lakehub_key\"")) {
                columns = List.of(
                        new QueryResult.Column("__lakehub_key", "VARCHAR"),
                        new QueryResult.Column("id", "VARCHAR"),
                        new QueryResult.Column("body", "VARCHAR"));
                now.forEach((k, v) -> {
                    if (sql.contains("'" + k + "'")) {
                        out.add(List.of(k, k, v));
                    }
                });
            }
            return new QueryResult(columns, out, false);
        }

        @Override
        public void close() {}
    }
}

package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.INT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL engine's views consume the catalog's change feed: a commit through the catalog is visible to
 * the next query at once, while the cross-process check of every dataset runs only every {@link
 * QuerySettings#viewCheckInterval()}.
 */
class ViewRefreshFeedTest {

    @TempDir
    Path tmp;

    TestLake lake;

    @BeforeEach
    void start() throws Exception {
        lake = new TestLake(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        lake.close();
    }

    @Test
    void aCommitReachesTheViewsThroughTheFeedWithoutTheCrossProcessCheck() throws Exception {
        try (DuckDbSqlEngine engine = new DuckDbSqlEngine(
                lake.catalog, QuerySettings.defaults().withViewCheckInterval(Duration.ofHours(1)))) {
            lake.append("people", schema("id", INT), "SELECT 1 AS id");
            assertThat(engine.query("SELECT count(*) FROM people").rows()).containsExactly(List.of(1L));

            // Committed through the catalog: the feed tells the engine.
            lake.append("people", schema("id", INT), "SELECT 2 AS id");
            lake.append("orders", schema("id", INT), "SELECT 7 AS id");
            assertThat(engine.query("SELECT count(*) FROM people").rows()).containsExactly(List.of(2L));
            assertThat(engine.query("SELECT id FROM orders").rows()).containsExactly(List.of(7));

            // A change the feed does not report (as another process's commit) waits for the check.
            lake.catalog.delete(DatasetName.of("orders"));
            assertThat(engine.query("SELECT id FROM orders").rows()).containsExactly(List.of(7));
        }
    }

    @Test
    void withoutAnIntervalEveryQueryChecksTheCatalogAsBefore() throws Exception {
        try (DuckDbSqlEngine engine = new DuckDbSqlEngine(lake.catalog, QuerySettings.defaults())) {
            lake.append("orders", schema("id", INT), "SELECT 7 AS id");
            assertThat(engine.query("SELECT id FROM orders").rows()).containsExactly(List.of(7));
            lake.catalog.delete(DatasetName.of("orders"));
            assertThatThrownBy(() -> engine.query("SELECT id FROM orders"))
                    .isInstanceOf(io.lakehub.catalog.LakehubException.class)
                    .hasMessageContaining("orders");
        }
    }
}

package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.store.CatalogSettings;
import io.lakehub.catalog.store.JdbcCatalog;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub that stopped mid-trial leaves a {@code running} trial in the journal, and, killed, the index's autotune
 * lease: the next start (a single hub) releases the lease, marks the trial {@code abandoned} (with why), leaves
 * completed trials as they were, and nothing is half-promoted.
 */
class HubTuningRestartTest {

    @TempDir
    Path home;

    @Test
    void aTrialRunningWhenTheHubStoppedIsMarkedAbandonedAtStart() {
        try (JdbcCatalog catalog = JdbcCatalog.open(CatalogSettings.embedded(home.resolve("home")))) {
            var journal = catalog.tuningJournal();
            Instant at = Instant.parse("2026-12-01T00:00:00Z");
            long done = journal.startTrial(
                    "docs_idx",
                    "gen",
                    "m=16,beam=100,overflow=1.2,alpha=1.2,hier=true;oq=5,exact=0.02",
                    "search_time",
                    at);
            journal.finishTrial("docs_idx", done, "completed", 10, 0.99, 10L, 20L, 0L, 1L, null, at);
            journal.startTrial(
                    "docs_idx",
                    "gen",
                    "m=16,beam=100,overflow=1.2,alpha=1.2,hier=true;oq=3,exact=0.02",
                    "search_time",
                    at);
            // The killed process still holds the index's lease (it expires in minutes, not before this start).
            Instant now = Instant.now();
            assertThat(journal.lease("docs_idx", "hub-killed", now, now.plusSeconds(600)))
                    .isTrue();

            try (HubIndexes indexes = new HubIndexes(catalog, () -> null, new VectorProperties(), null, () -> null);
                    HubTuning tuning = new HubTuning(catalog, indexes)) {
                tuning.start();
            }

            var trials = journal.trials("docs_idx");
            assertThat(trials).extracting(t -> t.status()).containsExactly("completed", "abandoned");
            assertThat(trials.get(1).error()).contains("hub stopped");
            assertThat(trials.get(1).finishedAt()).isNotNull();
            assertThat(trials.get(0).recall()).isEqualTo(0.99);
            assertThat(journal.promotions("docs_idx")).isEmpty();
            // The lease was released: the index can be tuned again right away.
            Instant later = Instant.now();
            assertThat(journal.lease("docs_idx", "hub-next", later, later.plusSeconds(600)))
                    .isTrue();
        }
    }
}

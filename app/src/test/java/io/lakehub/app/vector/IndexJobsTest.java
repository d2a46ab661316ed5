package io.lakehub.app.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/index-jobs}' order (running by start, then queued by request, then finished newest first, of
 * both kinds mixed) and the bounded history of finished jobs (queued and running ones are never forgotten).
 */
class IndexJobsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static IndexJobs.Entry entry(String id, String status, int queued, Integer started, Integer finished) {
        return new IndexJobs.Entry(
                "idx",
                status,
                T0.plusSeconds(queued),
                started == null ? null : T0.plusSeconds(started),
                finished == null ? null : T0.plusSeconds(finished),
                id,
                id);
    }

    @Test
    void runningFirstThenQueuedThenFinishedNewestFirst() {
        List<IndexJobs.Entry> entries = List.of(
                entry("old-done", "succeeded", 0, 1, 5),
                entry("queued-late", "queued", 40, null, null),
                entry("new-failed", "failed", 10, 11, 30),
                entry("running-late", "running", 20, 25, null),
                entry("queued-early", "queued", 35, null, null),
                entry("running-early", "running", 15, 16, null),
                entry("mid-done", "succeeded", 2, 3, 20));

        assertThat(IndexJobs.ordered(entries, 100))
                .containsExactly(
                        "running-early",
                        "running-late",
                        "queued-early",
                        "queued-late",
                        "new-failed",
                        "mid-done",
                        "old-done");
        assertThat(IndexJobs.ordered(entries, 3)).containsExactly("running-early", "running-late", "queued-early");
    }

    @Test
    void theOldestFinishedJobsAreForgottenBeyondTheHistoryNeverUnfinishedOnes() {
        Map<String, Boolean> jobs = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        // a (running, oldest), b c d (finished), e (queued), f (finished)
        for (String id : List.of("a", "b", "c", "d", "e", "f")) {
            jobs.put(id, !id.equals("a") && !id.equals("e"));
            order.add(id);
        }

        IndexJobs.forgetOldestFinished(order, jobs, Boolean::booleanValue, 2);

        assertThat(order).containsExactly("a", "d", "e", "f");
        assertThat(jobs).containsOnlyKeys("a", "d", "e", "f");

        IndexJobs.forgetOldestFinished(order, jobs, Boolean::booleanValue, 5);
        assertThat(order).containsExactly("a", "d", "e", "f");
    }
}

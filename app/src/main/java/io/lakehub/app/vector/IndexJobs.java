package io.lakehub.app.vector;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The background work on the vector indexes of this hub as {@code GET /api/index-jobs} lists it: refresh jobs
 * ({@link VectorJob}) and autotune runs ({@link HubTuning.Job}), running ones first (oldest start first), then
 * queued ones (in the order they will start), then finished ones, newest first by when they finished; each item
 * is the document {@code GET /api/jobs/{id}} answers for the job.
 *
 * <p>A hub remembers its jobs in memory only (a restart forgets them) and forgets the oldest finished ones beyond
 * {@code lakehub.vector.job-history} of each kind ({@link #forgetOldestFinished}).
 */
public final class IndexJobs {
    /** Items listed when no {@code limit} is given. */
    public static final int DEFAULT_LIMIT = 50;

    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 1000;

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::rank).thenComparing(Entry::sortKey).thenComparing(Entry::id);

    private IndexJobs() {}

    /**
     * One job read once: its document and the instants it is ordered by (a job moving on while the list is
     * sorted cannot disturb the sort).
     *
     * @param index the index it works on
     * @param status its document's status: queued, running, succeeded or failed
     * @param queuedAt when it was asked for
     * @param startedAt when it started, or null
     * @param finishedAt when it finished, or null
     * @param id its job id
     * @param document what {@code GET /api/jobs/{id}} answers for it
     */
    record Entry(
            String index,
            String status,
            Instant queuedAt,
            Instant startedAt,
            Instant finishedAt,
            String id,
            Object document) {

        /** Running first, then queued, then finished. */
        int rank() {
            return switch (status) {
                case "running" -> 0;
                case "queued" -> 1;
                default -> 2;
            };
        }

        /** Ascending: running by start, queued by request, finished newest first. */
        long sortKey() {
            return switch (rank()) {
                case 0 -> nanos(startedAt != null ? startedAt : queuedAt);
                case 1 -> nanos(queuedAt);
                default -> -nanos(finishedAt != null ? finishedAt : queuedAt);
            };
        }

        private static long nanos(Instant at) {
            return at.getEpochSecond() * 1_000_000_000L + at.getNano();
        }
    }

    /**
     * The jobs of both kinds, ordered, optionally of one index only, at most {@code limit} of them.
     *
     * @param indexes the hub's refresh jobs
     * @param tuning the hub's autotune runs, or null when there is no autotune agent
     * @param index only this index's jobs (an index that does not exist, or no longer does, has its remembered jobs
     *     or none); null for every index
     * @param limit 1 to {@link #MAX_LIMIT}
     */
    public static List<Object> list(HubIndexes indexes, HubTuning tuning, String index, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<Entry> entries = new ArrayList<>();
        for (VectorJob job : indexes.jobs()) {
            if (index == null || index.equals(job.index())) {
                entries.add(job.listed());
            }
        }
        if (tuning != null) {
            for (HubTuning.Job job : tuning.jobs()) {
                if (index == null || index.equals(job.index())) {
                    entries.add(job.listed());
                }
            }
        }
        return ordered(entries, limit);
    }

    /** The documents of the entries in the listing's order, at most {@code limit}. */
    static List<Object> ordered(List<Entry> entries, int limit) {
        return entries.stream().sorted(ORDER).limit(limit).map(Entry::document).toList();
    }

    /**
     * Forgets the oldest finished jobs while more than {@code keep} finished ones are remembered; queued and
     * running jobs are never forgotten. The caller holds the lock that guards {@code order}.
     *
     * @param order the ids of {@code jobs}, oldest first
     * @param jobs the remembered jobs by id
     * @param finished whether a job has finished
     * @param keep how many finished jobs to remember
     */
    static <J> void forgetOldestFinished(List<String> order, Map<String, J> jobs, Predicate<J> finished, int keep) {
        long done = order.stream()
                .map(jobs::get)
                .filter(j -> j != null && finished.test(j))
                .count();
        for (Iterator<String> it = order.iterator(); it.hasNext() && done > keep; ) {
            String id = it.next();
            J job = jobs.get(id);
            if (job == null) {
                it.remove();
            } else if (finished.test(job)) {
                it.remove();
                jobs.remove(id);
                done--;
            }
        }
    }
}

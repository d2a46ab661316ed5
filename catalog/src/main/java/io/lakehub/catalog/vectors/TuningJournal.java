package io.lakehub.catalog.vectors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The autotune journal of the vector indexes (migration V12, ADR 0041): evaluation sets, the
 * append-only trial journal (a trial is written when it starts and completed once) and the
 * promotions and rollbacks of each index's search parameters.
 */
public interface TuningJournal {

    /**
     * An evaluation set.
     *
     * @param origin uploaded or generated
     * @param buildSignature the index's build signature the truth was computed on
     * @param fingerprint the set's content hash (trials compare only on the same)
     * @param json the set in the {@code lakehub-evalset/1} form
     */
    record EvalSet(
            String index,
            String id,
            String origin,
            String buildSignature,
            String fingerprint,
            String json,
            String createdBy,
            Instant createdAt) {}

    /**
     * One trial.
     *
     * @param seq its number in the index's journal, from 1
     * @param parameters the canonical form of the parameters tried
     * @param kind search_time or build_time
     * @param status running, completed, failed or abandoned
     * @param p50Micros median search latency, null until completed
     */
    record Trial(
            String index,
            long seq,
            String evalSet,
            String parameters,
            String kind,
            String status,
            Integer k,
            Double recall,
            Long p50Micros,
            Long p95Micros,
            Long buildMillis,
            Long memoryBytes,
            String error,
            Instant startedAt,
            Instant finishedAt) {}

    /**
     * A promotion or rollback: the parameters now in force and those they replaced.
     *
     * @param action promote or rollback
     * @param trialSeq the trial that won (null for a rollback)
     */
    record Promotion(
            String index,
            long seq,
            String action,
            String parameters,
            String previous,
            Long trialSeq,
            String reason,
            String actor,
            Instant at) {}

    /** Stores an evaluation set; false when the index has one of that id. */
    boolean saveEvalSet(EvalSet set);

    List<EvalSet> evalSets(String index);

    Optional<EvalSet> evalSet(String index, String id);

    /** Appends a running trial; returns its sequence number. */
    long startTrial(String index, String evalSet, String parameters, String kind, Instant startedAt);

    /** Completes a running trial once (a trial no longer running is left as it is); false when it was not running. */
    boolean finishTrial(
            String index,
            long seq,
            String status,
            Integer k,
            Double recall,
            Long p50Micros,
            Long p95Micros,
            Long buildMillis,
            Long memoryBytes,
            String error,
            Instant finishedAt);

    /** The index's trials, oldest first. */
    List<Trial> trials(String index);

    /**
     * Marks running trials abandoned (a hub stopped mid-trial), except those of indexes whose autotune
     * lease another hub holds at {@code at}; returns how many.
     */
    int abandonRunning(String reason, Instant at);

    /**
     * Takes or renews the index's autotune lease until {@code until}: true when {@code holder} has it
     * (it was free, expired at {@code now}, or already {@code holder}'s), false when another hub holds it.
     */
    boolean lease(String index, String holder, Instant now, Instant until);

    /** Gives the lease up if {@code holder} has it. */
    void release(String index, String holder);

    /**
     * Gives up every index's lease, whoever holds it; returns how many. For a hub that starts alone on its catalog
     * (no cluster): a lease there can only be an earlier process's that stopped without releasing it (killed).
     */
    int releaseAll();

    /** Appends a promotion or rollback; returns its sequence number. */
    long promote(
            String index,
            String action,
            String parameters,
            String previous,
            Long trialSeq,
            String reason,
            String actor,
            Instant at);

    /** The index's promotions and rollbacks, oldest first. */
    List<Promotion> promotions(String index);

    /**
     * The index's newest promotion or rollback (the highest {@code seq}), if any: what every hub of a
     * cluster compares with the one it has in force before a search (ADR 0048), so it reads one row.
     */
    default java.util.Optional<Promotion> latestPromotion(String index) {
        List<Promotion> all = promotions(index);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(all.size() - 1));
    }

    /**
     * Removes everything the journal keeps for the index — evaluation sets, trials, promotions and its
     * autotune lease — in one transaction (the index is being deleted).
     *
     * @return rows removed per table: evalsets, trials, promotions, leases
     */
    default int[] purge(String index) {
        throw new UnsupportedOperationException("This journal cannot purge an index");
    }

    /** The growth trigger's baseline row count of the index (migration V14), if one was recorded. */
    default java.util.OptionalLong baseline(String index) {
        throw new UnsupportedOperationException("This journal keeps no growth baseline");
    }

    /**
     * Records the growth baseline: when {@code expected} is null only if none is recorded yet, else only if the
     * recorded one is still {@code expected} (so of two hubs seeing the same growth, one wins).
     *
     * @return true when this call recorded it
     */
    default boolean moveBaseline(String index, Long expected, long rows, Instant at) {
        throw new UnsupportedOperationException("This journal keeps no growth baseline");
    }
}

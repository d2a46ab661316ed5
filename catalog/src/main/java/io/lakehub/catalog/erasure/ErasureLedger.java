package io.lakehub.catalog.erasure;

import io.lakehub.catalog.DatasetName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's record of erasures (tables {@code erasure}, {@code erasure_value}, migration V7).
 * Every write is one transaction on the catalog database. Obtained from {@link
 * io.lakehub.catalog.Catalog#erasures()}.
 */
public interface ErasureLedger {

    /**
     * Records an erasure in one transaction: the request, its values, an {@code ERASE} snapshot of
     * each of {@code datasets} (so that every query engine rebuilds its views, which then hide the
     * rows) and a {@code dataset.erasure} audit event with the values' hashes. Locks the datasets'
     * rows, so no commit lands in between.
     *
     * @param datasets the dataset and its companions
     * @return the erasure, {@link ErasureState#INVISIBLE}
     */
    Erasure record(
            DatasetName dataset,
            String keyColumn,
            List<String> values,
            List<String> valueHmacs,
            String reason,
            String actor,
            List<String> datasets);

    /**
     * Records how many rows the erasure hides in each dataset (counted before its rewrite changed a
     * file), unless already recorded. Subtracted from the datasets' row totals when it finishes.
     */
    void counted(long erasureId, Map<String, Long> hiddenRows);

    Optional<Erasure> find(long id);

    /** Erasures of {@code dataset}, newest first. */
    List<Erasure> list(DatasetName dataset);

    /** Erasures not yet {@link ErasureState#ERASED}, oldest first. */
    List<Erasure> unfinished();

    /** The erasures not yet finished with their values, for the query engine's views. */
    List<PendingErasure> pending();

    /** The values of an unfinished erasure (empty once erased). */
    List<String> values(long erasureId);

    /**
     * Every file the catalog records for these datasets, in any snapshot, expired ones included
     * (their rows stay in the catalog; the files should be gone from disk).
     */
    List<KnownFile> files(List<String> datasets);

    /**
     * Records, in one transaction, a file's new row count, size and statistics after erasure {@code
     * erasureId} rewrote it in place, and adds {@code rowsRemoved} (and one file, when rows were
     * removed) to the erasure's counts.
     */
    void rewritten(long erasureId, long fileId, long rowCount, long sizeBytes, String statsJson, long rowsRemoved);

    /** Records why a rewrite attempt stopped (never a value). */
    void failed(long erasureId, String message);

    /**
     * Finishes an erasure in one transaction, unless a file was added to one of its datasets after
     * {@code lastFileId} (then nothing changes and it returns false: the caller rewrites the new
     * files and tries again). Marks it erased with its counts, deletes its values, commits an {@code
     * ERASE} snapshot of each dataset (views rebuild without the filter) and appends a {@code
     * dataset.erasure.done} audit event.
     */
    boolean finish(long erasureId, long lastFileId);

    /**
     * A file of the lake as the catalog records it.
     *
     * @param id the data_file id
     * @param dataset its dataset
     * @param relativePath relative to the lake root
     * @param content {@code DATA} or {@code DELETES}
     * @param statsJson its recorded statistics (may hold values)
     * @param removed whether a snapshot removed it (it belongs to old snapshots only)
     * @param expired whether it was deleted from disk after its removal
     */
    record KnownFile(
            long id,
            String dataset,
            String relativePath,
            String content,
            String statsJson,
            boolean removed,
            boolean expired) {}
}

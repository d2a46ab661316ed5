package io.lakehub.catalog.erasure;

import java.time.Instant;
import java.util.List;

/**
 * An erasure request as the catalog records it. Holds no value: only their keyed hashes.
 *
 * @param id the erasure id
 * @param dataset the dataset named by the request
 * @param keyColumn the column whose values are erased (as the dataset's schema spells it)
 * @param reason the requester's reason, or null
 * @param state where it stands
 * @param valueCount how many values it erases
 * @param valueHmacs HMAC-SHA256 (lower-case hex) of each value, in request order
 * @param datasets the dataset and the companions ({@code <dataset>__*}) it covers
 * @param rowsHidden rows of the current snapshots that the request hid from queries, or null until the
 *     rewrite has counted them (the request does not scan, so that it takes effect at once)
 * @param rowsRemoved rows removed from files by the rewrite (current and old snapshots, markers too)
 * @param filesRewritten files rewritten without the rows
 * @param requestedAt when it was recorded (and the rows became invisible)
 * @param erasedAt when the rewrite finished, or null
 * @param actor who asked
 * @param lastError why the last rewrite attempt stopped, or null
 */
public record Erasure(
        long id,
        String dataset,
        String keyColumn,
        String reason,
        ErasureState state,
        int valueCount,
        List<String> valueHmacs,
        List<String> datasets,
        Long rowsHidden,
        long rowsRemoved,
        int filesRewritten,
        Instant requestedAt,
        Instant erasedAt,
        String actor,
        String lastError) {

    public Erasure {
        valueHmacs = List.copyOf(valueHmacs);
        datasets = List.copyOf(datasets);
    }
}

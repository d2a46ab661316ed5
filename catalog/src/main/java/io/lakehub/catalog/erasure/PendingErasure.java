package io.lakehub.catalog.erasure;

import java.util.List;

/**
 * An erasure whose files are not rewritten yet, with its values: what a view must hide.
 *
 * @param id the erasure id
 * @param dataset the dataset the request named; its companions ({@code <dataset>__*}) are covered too
 * @param keyColumn the column matched in the dataset (and in companions that have it)
 * @param values the values, as text
 */
public record PendingErasure(long id, String dataset, String keyColumn, List<String> values) {

    public PendingErasure {
        values = List.copyOf(values);
    }

    /** True when {@code name} is the dataset itself or one of its companions. */
    public boolean covers(String name) {
        return name.equals(dataset) || name.startsWith(dataset + "__");
    }

    /** Whether {@code name} is the request's own dataset (not a companion). */
    public boolean isOwnDataset(String name) {
        return name.equals(dataset);
    }

    @Override
    public String toString() {
        // Never the values: a record's default toString would print them into any log line.
        return "PendingErasure[id=" + id + ", dataset=" + dataset + ", keyColumn=" + keyColumn + ", values="
                + values.size() + "]";
    }
}

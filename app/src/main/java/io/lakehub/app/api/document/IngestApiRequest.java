package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/ingest}: a file on the hub's machine into a dataset.
 *
 * @param path absolute path of the file, as the hub sees it
 * @param format csv, json, ndjson, parquet or text; null to detect
 * @param widenToString widen a column to string rather than refuse an incompatible type
 * @param mode {@code append} (default when null) or {@code upsert}
 * @param key the key columns of an upsert (required with it)
 * @param onBadRows {@code fail}, {@code skip} or {@code rejects}; null: the dataset's setting, else
 *     rejects
 * @param maxBadRows the most bad rows the file may have, {@code 1%} or {@code 100}; null: the
 *     dataset's setting, else 1%
 * @param charset the charset of a CSV or text file (e.g. {@code windows-1252}); null to detect
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IngestApiRequest(
        String path,
        String dataset,
        String format,
        boolean widenToString,
        String mode,
        java.util.List<String> key,
        String onBadRows,
        String maxBadRows,
        String charset) {

    public IngestApiRequest {
        key = key == null ? java.util.List.of() : java.util.List.copyOf(key);
    }

    /** Without bad-row settings or a charset. */
    public IngestApiRequest(
            String path,
            String dataset,
            String format,
            boolean widenToString,
            String mode,
            java.util.List<String> key) {
        this(path, dataset, format, widenToString, mode, key, null, null, null);
    }

    /** An append. */
    public IngestApiRequest(String path, String dataset, String format, boolean widenToString) {
        this(path, dataset, format, widenToString, null, null);
    }
}

package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.lakehub.catalog.erasure.Erasure;
import java.util.List;

/**
 * An erasure as the API shows it; never the values.
 *
 * @param id the erasure id
 * @param dataset the dataset named by the request
 * @param keyColumn the column matched
 * @param state {@code invisible} (rows hidden from every query, files not yet rewritten) or {@code
 *     erased} (no file holds them any more)
 * @param values how many values
 * @param valueHmacs HMAC-SHA256 of each value with the hub's {@code lakehub.pii.hash-key}
 * @param datasets the dataset and the companions ({@code <dataset>__*}) covered
 * @param rowsHidden rows the request hid from queries; null until the background rewrite has counted them
 * @param rowsRemoved rows removed from files (current and old snapshots, delete markers)
 * @param filesRewritten files rewritten without them
 * @param requestedAt when it was recorded, ISO-8601
 * @param erasedAt when the rewrite finished, or null
 * @param reason as given
 * @param lastError why the last rewrite attempt stopped, or null
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErasureDocument(
        long id,
        String dataset,
        String keyColumn,
        String state,
        int values,
        List<String> valueHmacs,
        List<String> datasets,
        Long rowsHidden,
        long rowsRemoved,
        int filesRewritten,
        String requestedAt,
        String erasedAt,
        String reason,
        String lastError) {

    public static ErasureDocument of(Erasure e) {
        return new ErasureDocument(
                e.id(),
                e.dataset(),
                e.keyColumn(),
                e.state().label(),
                e.valueCount(),
                e.valueHmacs(),
                e.datasets(),
                e.rowsHidden(),
                e.rowsRemoved(),
                e.filesRewritten(),
                e.requestedAt().toString(),
                e.erasedAt() == null ? null : e.erasedAt().toString(),
                e.reason(),
                e.lastError());
    }
}

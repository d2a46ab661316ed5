package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Body of {@code POST /api/datasets/{name}/erasures}.
 *
 * @param keyColumn the column whose values identify the rows to erase (any column, not only an
 *     upsert key)
 * @param values the values, as text (a number as it is written, e.g. {@code 42})
 * @param reason why (recorded in the catalog and the audit journal; do not put personal data here)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErasureApiRequest(String keyColumn, List<String> values, String reason) {

    public ErasureApiRequest {
        values = values == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    @Override
    public String toString() {
        // Never the values: this record may end up in a log line.
        return "ErasureApiRequest[keyColumn=" + keyColumn + ", values=" + values.size() + "]";
    }
}

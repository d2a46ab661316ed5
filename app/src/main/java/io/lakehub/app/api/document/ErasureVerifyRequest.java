package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST /api/datasets/{name}/erasures/verify}: a POST, so that the value stays out of
 * URLs and access logs.
 *
 * @param value the value that must no longer be in any file
 * @param keyColumn optional: look at this column alone in the files that have it
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErasureVerifyRequest(String value, String keyColumn) {
    @Override
    public String toString() {
        return "ErasureVerifyRequest[keyColumn=" + keyColumn + "]";
    }
}

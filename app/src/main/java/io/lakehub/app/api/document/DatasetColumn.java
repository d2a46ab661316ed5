package io.lakehub.app.api.document;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A dataset column; {@code type} is the hub's type name ({@code int}, {@code string}, {@code
 * timestamp}, ...). The PII scan's last result for the column (docs/pii.md, "In the catalog"), all
 * {@code null} when no ingest scanned it:
 *
 * @param pii the entity type ({@code EMAIL}, ...), {@code "none"} when the scan found no PII
 * @param confidence 0..1
 * @param sampled non-null values the scan examined
 * @param matchRatio {@code matches / sampled}
 * @param matches values (or free-text cells) that matched {@code pii}
 * @param piiSnapshot the snapshot whose ingest recorded this result
 * @param piiAction the policy applied to the column ({@code mask}, {@code hash}, {@code drop},
 *     {@code quarantine}), {@code null} for {@code flag}
 * @param piiSchemaVersion the dataset's schema version the result was stored with
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatasetColumn(
        String name,
        String type,
        boolean nullable,
        String pii,
        Double confidence,
        Long sampled,
        Double matchRatio,
        Long matches,
        Long piiSnapshot,
        String piiAction,
        Integer piiSchemaVersion) {

    /** A column the scan has no result for. */
    public DatasetColumn(String name, String type, boolean nullable) {
        this(name, type, nullable, null, null, null, null, null, null, null, null);
    }
}

package io.lakehub.app.security;

import io.lakehub.catalog.DatasetName;
import java.util.Map;

/**
 * The PII columns of a raw dataset, as the scan classified them (issue 9, detection and policies).
 * The hub asks it before every query of a role that is not cleared for everything. Define a bean of
 * this type to supply it; without one no column is PII.
 */
@FunctionalInterface
public interface ColumnSensitivity {

    /** No column is PII. */
    ColumnSensitivity NONE = dataset -> Map.of();

    /**
     * The dataset's PII columns: column name to PII type name (EMAIL, PHONE, ... as in {@link
     * ApiKeys#PII_TYPES}); columns not listed are not PII. Empty for an unknown dataset.
     */
    Map<String, String> piiColumns(DatasetName dataset);
}

package io.lakehub.app.governance;

import io.lakehub.app.api.document.DatasetColumn;
import io.lakehub.app.security.ColumnSensitivity;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DatasetInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PII columns the access rules protect (ADR 0030), from the scan results the catalog records
 * with each schema version ({@link PiiColumns}, ADR 0029, ADR 0037): a column of the dataset's current schema whose
 * newest recorded result names a PII type. A column a policy rewrote before the write ({@code mask},
 * {@code hash}) or emptied ({@code drop} by type writes nulls) holds no raw PII on disk and is not
 * protected; a {@code flag}ged one is.
 */
public final class ScannedColumnSensitivity implements ColumnSensitivity {
    /** Policies after which the stored values are no longer the PII itself. */
    private static final Set<String> GOVERNED = Set.of("mask", "hash", "drop");

    private final Catalog catalog;

    public ScannedColumnSensitivity(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Map<String, String> piiColumns(DatasetName dataset) {
        Optional<DatasetInfo> info = catalog.dataset(dataset);
        if (info.isEmpty() || info.get().schema() == null) {
            return Map.of();
        }
        List<DatasetColumn> columns = info.get().schema().fields().stream()
                .map(f -> new DatasetColumn(f.name(), f.typeName(), f.nullable()))
                .toList();
        Map<String, String> pii = new LinkedHashMap<>();
        for (DatasetColumn c :
                PiiColumns.withScan(columns, catalog.columnClassifications(dataset), catalog.snapshots(dataset))) {
            if (c.pii() != null
                    && !c.pii().equals("none")
                    && (c.piiAction() == null || !GOVERNED.contains(c.piiAction()))) {
                pii.put(c.name(), c.pii());
            }
        }
        return pii;
    }
}

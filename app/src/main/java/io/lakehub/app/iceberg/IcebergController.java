package io.lakehub.app.iceberg;

import io.lakehub.app.hub.UnknownDatasetException;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Rebuilds a dataset's Iceberg table from the Lakehub catalog (ADR 0039); only when Iceberg is on. */
@RestController
@ConditionalOnProperty(prefix = "lakehub.iceberg", name = "enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = "Iceberg", description = "The Iceberg tables the hub publishes for its datasets")
public class IcebergController {

    private final Catalog catalog;
    private final IcebergPublishing publishing;

    IcebergController(Catalog catalog, IcebergPublishing publishing) {
        this.catalog = catalog;
        this.publishing = publishing;
    }

    /** Drops the dataset's table and publishes it again: 200; 400 malformed name, 404 unknown dataset. */
    @Operation(
            summary = "Rebuild a dataset's Iceberg table from the Lakehub catalog",
            description = "Drops the table lakehub.<name> and publishes every live file of the dataset again.")
    @PostMapping("/api/datasets/{name}/iceberg/rebuild")
    public IcebergRebuild rebuild(@PathVariable String name) {
        DatasetName dataset = DatasetName.of(name);
        if (catalog.dataset(dataset).isEmpty()) {
            throw new UnknownDatasetException(name);
        }
        return publishing.rebuild(dataset);
    }
}

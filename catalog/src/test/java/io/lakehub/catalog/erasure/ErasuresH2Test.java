package io.lakehub.catalog.erasure;

import io.lakehub.catalog.store.CatalogSettings;
import java.nio.file.Path;

/** {@link ErasureContract} on the embedded H2 catalog. */
class ErasuresH2Test extends ErasureContract {
    @Override
    CatalogSettings freshCatalog(Path home) {
        return CatalogSettings.embedded(home);
    }
}

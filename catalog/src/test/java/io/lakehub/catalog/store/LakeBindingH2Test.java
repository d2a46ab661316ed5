package io.lakehub.catalog.store;

import java.nio.file.Path;

/** The lake binding on the embedded H2 catalog: one database file per catalog, under the test's folder. */
class LakeBindingH2Test extends LakeBindingContract {

    @Override
    CatalogSettings freshCatalog(String name, Path lake) {
        CatalogSettings embedded = CatalogSettings.embedded(tmp.resolve("home-" + name));
        return new CatalogSettings(embedded.jdbcUrl(), embedded.username(), embedded.password(), lake, 4);
    }

    @Override
    void dropCatalogs() {}
}

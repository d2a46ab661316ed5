package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.commit.CatalogUnavailableException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void embeddedPutsTheDatabaseAndTheLakeUnderTheHome() {
        CatalogSettings s = CatalogSettings.embedded(tmp.resolve("home"));

        Path home = tmp.resolve("home").toAbsolutePath();
        assertThat(s.jdbcUrl())
                .startsWith("jdbc:h2:async:" + home.resolve("catalog/lakehub") + ";")
                .contains("DB_CLOSE_ON_EXIT=FALSE");
        assertThat(s.lakeRoot()).isEqualTo(home.resolve("lake"));
        assertThat(s.maxPoolSize()).isPositive();
    }

    @Test
    void embeddedRefusesAHomeH2CannotName() {
        assertThatThrownBy(() -> CatalogSettings.embedded(tmp.resolve("a;b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("';'");
    }

    @Test
    void toStringNeverShowsThePassword() {
        CatalogSettings s = new CatalogSettings(
                "jdbc:postgresql://db/lakehub?password=inurl", "hub", "hunter2", tmp.resolve("lake"), 8);

        assertThat(s.toString()).doesNotContain("hunter2", "inurl").contains("password=***");
        assertThat(s.redactedUrl()).isEqualTo("jdbc:postgresql://db/lakehub?password=***");
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new CatalogSettings(" ", "", "", tmp, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URL is empty");
        assertThatThrownBy(() -> new CatalogSettings("jdbc:h2:mem:x", "", "", tmp, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    @Test
    void anUnreachableDatabaseIsReportedWithoutItsPassword() {
        // Port 1 on the loopback: nothing listens, the refusal is immediate.
        CatalogSettings s = new CatalogSettings(
                "jdbc:postgresql://127.0.0.1:1/lakehub?password=inurl", "hub", "hunter2", tmp.resolve("lake"), 2);

        assertThatThrownBy(() -> JdbcCatalog.open(s))
                .isInstanceOf(CatalogUnavailableException.class)
                .hasMessageContaining("Could not connect to the catalog database")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("'hub'")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("inurl")
                .hasCauseInstanceOf(RuntimeException.class);
    }
}

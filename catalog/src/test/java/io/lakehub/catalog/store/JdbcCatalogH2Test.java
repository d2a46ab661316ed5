package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.catalog.commit.Snapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The catalog contract on the embedded H2 database, one fresh database file per test. */
class JdbcCatalogH2Test extends JdbcCatalogContract {

    @Override
    CatalogSettings freshCatalog(Path home) {
        return CatalogSettings.embedded(home);
    }

    @Test
    void embeddedCatalogLivesUnderTheHome() {
        Path home = tmp.resolve("home").toAbsolutePath();
        assertThat(settings.lakeRoot()).isEqualTo(home.resolve("lake"));
        assertThat(settings.jdbcUrl())
                .startsWith("jdbc:h2:async:" + home.resolve("catalog").resolve("lakehub") + ";");
        assertThat(home.resolve("catalog").resolve("lakehub.mv.db")).exists();
        assertThat(lake).isDirectory();
    }

    @Test
    void commitsSurviveAReopenAndMigrationsDoNotRunTwice() throws Exception {
        Snapshot s = appendRows(PEOPLE, 3);
        catalog.close();

        catalog = JdbcCatalog.open(settings);

        assertThat(catalog.snapshots(PEOPLE)).containsExactly(s);
        assertThat(catalog.audit().verify().intact()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"script\" = 'V1__catalog.sql'"))
                .isEqualTo(1);
        Snapshot next = appendRows(PEOPLE, 4);
        assertThat(next.parentId()).isEqualTo(s.id());
    }

    @Test
    void interruptedWritersDoNotCloseTheEmbeddedDatabase() throws Exception {
        // Quartz, Camel and Spring interrupt worker threads on shutdown; with a plain FileChannel an
        // interrupt during a write closes H2's whole database for every other user.
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                try {
                    catalog.audit().append(new io.lakehub.catalog.audit.AuditEntry("test", "test.write", "x", "{}"));
                } catch (RuntimeException expected) {
                    // an interrupted append may fail; the database must stay open
                }
                Thread.interrupted();
            }
        });
        writer.start();
        while (writer.isAlive()) {
            writer.interrupt();
            Thread.onSpinWait();
        }
        writer.join();

        assertThat(catalog.audit().verify().intact()).isTrue();
        Snapshot after = appendRows(PEOPLE, 2);
        assertThat(catalog.snapshots(PEOPLE)).contains(after);
    }
}

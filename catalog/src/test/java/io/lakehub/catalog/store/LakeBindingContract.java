package io.lakehub.catalog.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.ColumnStats;
import io.lakehub.catalog.commit.CommitRequest;
import io.lakehub.catalog.commit.Lineage;
import io.lakehub.catalog.commit.NewDataFile;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.catalog.schema.LakeType;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake and the catalog belong together (ADR 0035): the marker written at first use, checked on
 * every open, and the rule for lakes from before the marker. Run on each database by a subclass.
 */
abstract class LakeBindingContract {
    private static final DatasetName TICKS = DatasetName.of("ticks");
    private static final LakeSchema SCHEMA = LakeSchema.of(LakeField.nullable("id", LakeType.INT));

    @TempDir
    Path tmp;

    private final List<JdbcCatalog> open = new ArrayList<>();

    /** A fresh, empty catalog database whose lake is {@code lake}; {@code name} tells databases apart. */
    abstract CatalogSettings freshCatalog(String name, Path lake) throws Exception;

    /** Drops what {@link #freshCatalog} created, after the catalogs are closed. */
    abstract void dropCatalogs() throws Exception;

    @AfterEach
    void close() throws Exception {
        for (JdbcCatalog c : open) {
            c.close();
        }
        dropCatalogs();
    }

    private JdbcCatalog open(CatalogSettings settings) {
        JdbcCatalog c = JdbcCatalog.open(settings);
        open.add(c);
        return c;
    }

    private static String catalogId(CatalogSettings settings) throws Exception {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT catalog_id FROM catalog_identity")) {
            assertThat(rs.next()).isTrue();
            String id = rs.getString(1);
            assertThat(rs.next()).as("one identity row").isFalse();
            return id;
        }
    }

    private static Properties marker(Path lake) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(lake.resolve(LakeBinding.MARKER))));
        return p;
    }

    private static void commitOneFile(JdbcCatalog catalog, Path lake, String name) throws Exception {
        String rel = TICKS + "/" + name + ".parquet";
        Files.createDirectories(lake.resolve(TICKS.value()));
        Files.write(lake.resolve(rel), new byte[] {1, 2, 3});
        catalog.commit(CommitRequest.append(
                TICKS,
                SCHEMA,
                List.of(),
                List.of(new NewDataFile(rel, 1, 3, List.of(new ColumnStats("id", 0, "1", "1")))),
                new Lineage("test", "file:///" + name, "test", "sha256:" + name),
                "test"));
    }

    @Test
    void firstOpenWritesTheMarkerWithTheCatalogsIdAndUrlWithoutCredentials() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings settings = freshCatalog("a", lake);
        open(settings);

        Properties marker = marker(lake);
        assertThat(marker.getProperty("catalog-id")).isEqualTo(catalogId(settings));
        assertThat(marker.getProperty("catalog-url")).isEqualTo(settings.redactedUrl());
        assertThat(Files.readString(lake.resolve(LakeBinding.MARKER))).doesNotContain("password");
        try (var files = Files.list(lake)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(LakeBinding.MARKER);
        }
        // Reopening (and another process opening) the same pair is fine and changes nothing.
        String before = Files.readString(lake.resolve(LakeBinding.MARKER));
        open(settings);
        assertThat(Files.readString(lake.resolve(LakeBinding.MARKER))).isEqualTo(before);
    }

    @Test
    void aLakeOfAnotherCatalogIsRefusedNamingBoth() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings first = freshCatalog("a", lake);
        open(first);
        String firstId = catalogId(first);
        CatalogSettings second = freshCatalog("b", lake);

        assertThatThrownBy(() -> open(second))
                .isInstanceOf(LakeMismatchException.class)
                .hasMessageContaining(lake.toString())
                .hasMessageContaining(firstId)
                .hasMessageContaining(first.redactedUrl())
                .hasMessageContaining(second.redactedUrl())
                .hasMessageContaining(catalogId(second));
        assertThat(marker(lake).getProperty("catalog-id")).isEqualTo(firstId);
    }

    @Test
    void aLakeFromBeforeTheMarkerIsAdoptedWhenItHoldsTheCatalogsFiles() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings settings = freshCatalog("a", lake);
        JdbcCatalog catalog = open(settings);
        for (int i = 0; i < LakeBinding.SAMPLE + 2; i++) {
            commitOneFile(catalog, lake, "f" + i);
        }
        Files.delete(lake.resolve(LakeBinding.MARKER)); // as an installation from before this check

        open(settings);

        assertThat(marker(lake).getProperty("catalog-id")).isEqualTo(catalogId(settings));
    }

    @Test
    void anotherLakeWithoutMarkerIsRefusedWhenItLacksTheCatalogsFiles() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings settings = freshCatalog("a", lake);
        commitOneFile(open(settings), lake, "f0");
        Path elsewhere = tmp.resolve("other-lake");
        CatalogSettings moved = new CatalogSettings(
                settings.jdbcUrl(), settings.username(), settings.password(), elsewhere, settings.maxPoolSize());

        assertThatThrownBy(() -> open(moved))
                .isInstanceOf(LakeMismatchException.class)
                .hasMessageContaining(elsewhere.toString())
                .hasMessageContaining(settings.redactedUrl())
                .hasMessageContaining("ticks/f0.parquet");
        assertThat(elsewhere.resolve(LakeBinding.MARKER)).doesNotExist();
    }

    @Test
    void aMarkerWithoutIdIsRefused() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings settings = freshCatalog("a", lake);
        Files.createDirectories(lake);
        Files.writeString(lake.resolve(LakeBinding.MARKER), "something=else\n");

        assertThatThrownBy(() -> open(settings))
                .isInstanceOf(LakeMismatchException.class)
                .hasMessageContaining(lake.resolve(LakeBinding.MARKER).toString())
                .hasMessageContaining("catalog-id");
    }

    @Test
    void twoProcessesOpeningAFreshCatalogAtOnceAgreeOnOneIdentity() throws Exception {
        Path lake = tmp.resolve("lake");
        CatalogSettings settings = freshCatalog("a", lake);
        int openers = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            List<Future<JdbcCatalog>> opened = new ArrayList<>();
            for (int i = 0; i < openers; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    return JdbcCatalog.open(settings);
                }));
            }
            go.countDown();
            for (Future<JdbcCatalog> f : opened) {
                open.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(marker(lake).getProperty("catalog-id")).isEqualTo(catalogId(settings));
    }
}

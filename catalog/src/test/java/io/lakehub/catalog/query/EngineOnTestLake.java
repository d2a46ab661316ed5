package io.lakehub.catalog.query;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query engine's tests' common setup: a fresh {@link TestLake} and a {@link DuckDbSqlEngine}
 * with default settings over its catalog, both closed after each test.
 */
abstract class EngineOnTestLake {

    @TempDir
    Path tmp;

    TestLake lake;
    DuckDbSqlEngine engine;

    @BeforeEach
    void startEngineOnTestLake() throws Exception {
        lake = new TestLake(tmp);
        engine = new DuckDbSqlEngine(lake.catalog, QuerySettings.defaults());
    }

    @AfterEach
    void stopEngineOnTestLake() throws Exception {
        engine.close();
        lake.close();
    }
}

package io.lakehub.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void duckDbsNativeLibraryIsLoadedOnItsOwnThreadAndTheEngineAnswersAfterwards() throws Exception {
        // The class the preload initialises still exists under this name (a DuckDB upgrade that renamed it would
        // otherwise turn the preload into a silent no-op).
        assertThat(Class.forName(RunCommand.DUCKDB_NATIVE, false, RunCommand.class.getClassLoader()))
                .isNotNull();

        Thread loading = RunCommand.preloadSqlEngineLibrary();

        assertThat(loading.isDaemon()).as("never keeps a stopping hub alive").isTrue();
        assertThat(loading.getName()).isEqualTo("lakehub-duckdb-load");
        assertThat(loading.join(Duration.ofMinutes(1)))
                .as("the library is loaded")
                .isTrue();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement();
                ResultSet answer = statement.executeQuery("SELECT 42")) {
            assertThat(answer.next()).isTrue();
            assertThat(answer.getInt(1)).isEqualTo(42);
        }
    }
}

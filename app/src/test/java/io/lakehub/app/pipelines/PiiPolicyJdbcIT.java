package io.lakehub.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.schedules.pipeline.ConfigProblem;
import io.lakehub.schedules.pipeline.PipelineConfig;
import io.lakehub.schedules.pipeline.PipelineConfigLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A column PII policy of a database poller is checked against the table's columns when the hub
 * starts (and by {@code ./lakehub validate}, which runs the same checks), on the real PostgreSQL:
 * a column the table lacks is a problem naming the policy's file, line and key and the column.
 */
class PiiPolicyJdbcIT {
    private static final String PG = "jdbc:postgresql://127.0.0.1:5432/test";

    /** Unique per run: ITs of several worktrees share the database. */
    private final String table = "pii_jdbc_it_" + Long.toHexString(System.nanoTime());

    @BeforeEach
    void createTable() throws Exception {
        exec("CREATE TABLE " + table + " (id INT PRIMARY KEY, email TEXT, ssn TEXT, note TEXT)");
    }

    @AfterEach
    void dropTable() throws Exception {
        exec("DROP TABLE IF EXISTS " + table);
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PG, "postgres", null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private PipelineConfig config(String policies) {
        return new PipelineConfigLoader(Map.of()).parse("""
                lakehub:
                  pipelines:
                    - id: customers
                      from: jdbc
                      jdbc: { url: "%s", user: postgres, table: %s, cursor: [id] }
                      into: customers
                      pii:
                        policies:
                %s""".formatted(PG, table, policies), "config/lakehub.yaml");
    }

    @Test
    void aPolicyNamingAColumnTheTableLacksIsRefusedAtStartUp() {
        List<ConfigProblem> problems = PipelineChecks.problems(config("""
                          - column: EMAIL
                            action: hash
                          - column: e_mail
                            action: mask
                          - column: social
                            action: drop
                """));

        assertThat(problems)
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "config/lakehub.yaml:8: lakehub.pipelines[0].pii.policies[1].column: column 'e_mail' is not in"
                                + " table '" + table + "' (its columns: id, email, ssn, note)",
                        "config/lakehub.yaml:8: lakehub.pipelines[0].pii.policies[2].column: column 'social' is not in"
                                + " table '" + table + "' (its columns: id, email, ssn, note)");
    }

    @Test
    void policiesNamingTheTablesColumnsPass() {
        assertThat(PipelineChecks.problems(config("""
                          - column: Email
                            action: hash
                          - column: ssn
                            action: drop
                          - column: note
                            action: quarantine
                """))).isEmpty();
    }
}

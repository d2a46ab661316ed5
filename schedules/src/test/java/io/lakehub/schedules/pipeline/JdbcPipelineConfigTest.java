package io.lakehub.schedules.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakehub.processors.source.jdbc.JdbcSourceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code from: jdbc} pipelines: the {@code jdbc:} block, {@code deleted:}, and each problem by file, line and key. */
class JdbcPipelineConfigTest {

    private static final String FILE = "config/lakehub.yaml";
    private static final String PASSWORD = "pw-0rders-s3cret";
    private final PipelineConfigLoader loader =
            new PipelineConfigLoader(Map.of("ORDERS_DB_PASSWORD", PASSWORD, "BLANK", " "));

    @Test
    void readsTheIssueExample() {
        PipelineConfig config = loader.parse("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      jdbc: { url: "jdbc:postgresql://127.0.0.1:5432/test", user: postgres, table: public.orders, cursor: [updated_at, id] }
                      into: orders
                      mode: upsert
                      key: [id]
                      schedule: "0 */5 * * * ?"
                """, FILE);

        PipelineDefinition p = config.pipeline("orders").orElseThrow();
        assertThat(p.from().resolved()).isEqualTo("lakehub-jdbc:orders");
        assertThat(p.from().display()).isEqualTo("jdbc");
        JdbcSourceSpec jdbc = p.jdbcSource().orElseThrow();
        assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(jdbc.user()).isEqualTo("postgres");
        assertThat(jdbc.password()).isNull();
        assertThat(jdbc.table()).isEqualTo("public.orders");
        assertThat(jdbc.cursor()).containsExactly("updated_at", "id");
        assertThat(jdbc.key()).as("the pipeline's key").containsExactly("id");
        assertThat(jdbc.keyRequired()).isTrue();
        assertThat(jdbc.lag()).isEqualTo(JdbcSourceSpec.DEFAULT_LAG);
        assertThat(jdbc.positionKey()).isEqualTo("position.jdbc.orders");
    }

    @Test
    void everyJdbcKeyIsRead() {
        PipelineConfig config = loader.parse(pipeline("""
                      jdbc:
                        url: "jdbc:mariadb://127.0.0.1:3306/test"
                        user: app
                        password: "${ORDERS_DB_PASSWORD}"
                        query: "SELECT id, total, updated_at, is_deleted FROM orders WHERE region = 'EU'"
                        cursor: updated_at
                        key: [id]
                        lag: 2m
                        pageSize: 1000
                        fetchSize: 100
                      mode: upsert
                      key: [id]
                      deleted: { column: is_deleted }
                """), FILE);

        PipelineDefinition p = config.pipelines().get(0);
        JdbcSourceSpec jdbc = p.jdbcSource().orElseThrow();
        assertThat(jdbc.password()).isEqualTo(PASSWORD);
        assertThat(jdbc.query()).startsWith("SELECT id");
        assertThat(jdbc.table()).isNull();
        assertThat(jdbc.cursor()).containsExactly("updated_at");
        assertThat(jdbc.key()).containsExactly("id");
        assertThat(jdbc.keyRequired()).as("mode upsert").isTrue();
        assertThat(jdbc.lag()).isEqualTo(Duration.ofMinutes(2));
        assertThat(jdbc.pageSize()).isEqualTo(1000);
        assertThat(jdbc.fetchSize()).isEqualTo(100);
        assertThat(jdbc.deletedColumn()).isEqualTo("is_deleted");
        assertThat(p.toString() + jdbc).doesNotContain(PASSWORD);
    }

    @Test
    void aQueryThatIsNotASelectIsRefusedNamingTheKey() {
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", query: "DELETE FROM orders" }
                """)))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].jdbc.query: must be a SELECT; it starts"
                        + " with 'DELETE'. The poller only reads.");
    }

    @Test
    void aPasswordWrittenInTheFileIsRefusedWithoutRepeatingIt() {
        List<String> problems = problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, password: hunter2-literal }
                """));
        assertThat(problems)
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].jdbc.password: a password must be an"
                                + " environment placeholder such as \"${ORDERS_DB_PASSWORD}\", not a value written in the file");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, password: "${NOPE}" }
                """)))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].jdbc.password: environment variable NOPE"
                        + " is not set (used as ${NOPE})");
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, password: "${BLANK}" }
                """)))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].jdbc.password: environment variable BLANK is empty");
    }

    @Test
    void eachProblemOfTheJdbcBlockNamesItsKeyAndLine() {
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      into: orders
                      format: csv
                      jdbc:
                        url: "jdbc:oracle:thin:@h:1521/x"
                        table: "orders; DROP TABLE x"
                        query: "SELECT 1"
                        lag: soon
                        pageSize: 0
                        cursr: [id]
                """))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].format: a format only applies to files; from: jdbc"
                                + " reads typed columns",
                        "config/lakehub.yaml:8: lakehub.pipelines[0].jdbc.url: 'jdbc:oracle' is not a supported"
                                + " database; the poller reads jdbc:postgresql:, jdbc:mariadb: and jdbc:mysql: URLs",
                        "config/lakehub.yaml:9: lakehub.pipelines[0].jdbc.table: 'orders; DROP TABLE x' is not a table"
                                + " name; write name, schema.name or \"Quoted Name\"",
                        "config/lakehub.yaml:10: lakehub.pipelines[0].jdbc.query: give either table or query, not both"
                                + " (table is at line 9)",
                        "config/lakehub.yaml:11: lakehub.pipelines[0].jdbc.lag: 'soon' is not a duration; write e.g. 0,"
                                + " 30s, 2m or PT30S",
                        "config/lakehub.yaml:12: lakehub.pipelines[0].jdbc.pageSize: '0' is not a number of rows;"
                                + " expected a whole number from 1 to 10000000",
                        "config/lakehub.yaml:13: lakehub.pipelines[0].jdbc.cursr: unknown key 'cursr' (did you mean"
                                + " 'cursor'?); known keys: url, user, password, table, query, cursor, key, lag,"
                                + " pageSize, fetchSize");
    }

    @Test
    void fromJdbcNeedsItsBlockAndTheBlockNeedsFromJdbc() {
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      into: orders
                """))
                .containsExactly("config/lakehub.yaml:3: lakehub.pipelines[0]: missing required key 'jdbc': from: jdbc"
                        + " needs the database to read, e.g. jdbc: { url: \"jdbc:postgresql://host/db\", user: app,"
                        + " table: public.orders, cursor: [updated_at, id] }");
        assertThat(problems("""
                lakehub:
                  pipelines:
                    - id: orders
                      from: "file:inbox/orders"
                      into: orders
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders }
                      deleted: { column: is_deleted }
                """))
                .containsExactly(
                        "config/lakehub.yaml:6: lakehub.pipelines[0].jdbc: jdbc only applies to from: jdbc (the"
                                + " database poller)",
                        "config/lakehub.yaml:7: lakehub.pipelines[0].deleted: deleted only applies to from: jdbc (the"
                                + " database poller)");
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db" }
                """)))
                .containsExactly("config/lakehub.yaml:6: lakehub.pipelines[0].jdbc: give table (e.g. table:"
                        + " public.orders) or query (a SELECT)");
    }

    @Test
    void aSoftDeleteColumnWithModeAppendIsRefusedNamingTheKey() {
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      deleted: { column: is_deleted }
                """)))
                .containsExactly("config/lakehub.yaml:7: lakehub.pipelines[0].deleted: deletes need mode: upsert with"
                        + " a key (a deleted row hides its key); with mode: append every row is kept. Add mode: upsert"
                        + " and key: [...] or remove deleted:");
    }

    @Test
    void aKeyComparisonIsReadAsADurationBesideOrWithoutASoftDeleteColumn() {
        JdbcSourceSpec both = loader.parse(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                      deleted: { column: is_deleted, compare-keys: PT1H }
                """), FILE)
                .pipelines()
                .get(0)
                .jdbcSource()
                .orElseThrow();
        assertThat(both.deletedColumn()).isEqualTo("is_deleted");
        assertThat(both.compareKeys()).isEqualTo(Duration.ofHours(1));
        assertThat(both.keysComparedAtKey()).isEqualTo("position.jdbc.orders.keys-compared-at");

        JdbcSourceSpec only = loader.parse(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                      deleted: { compare-keys: 30m }
                """), FILE)
                .pipelines()
                .get(0)
                .jdbcSource()
                .orElseThrow();
        assertThat(only.deletedColumn()).isNull();
        assertThat(only.compareKeys()).isEqualTo(Duration.ofMinutes(30));

        JdbcSourceSpec none = loader.parse(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                """), FILE)
                .pipelines()
                .get(0)
                .jdbcSource()
                .orElseThrow();
        assertThat(none.compareKeys()).as("no comparison unless asked for").isNull();
    }

    @Test
    void aKeyComparisonWithModeAppendOrABadDurationIsRefusedNamingTheKey() {
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      deleted: { compare-keys: PT1H }
                """)))
                .containsExactly("config/lakehub.yaml:7: lakehub.pipelines[0].deleted: deletes need mode: upsert with"
                        + " a key (a deleted row hides its key); with mode: append every row is kept. Add mode: upsert"
                        + " and key: [...] or remove deleted:");
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                      deleted: { compare-keys: hourly }
                """)))
                .containsExactly("config/lakehub.yaml:9: lakehub.pipelines[0].deleted.compare-keys: 'hourly' is not a"
                        + " positive duration; write e.g. 1h, 30m or PT1H (how long after the last key comparison a"
                        + " poll compares the keys again)");
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                      deleted: { compare-keys: 0 }
                """)))
                .hasSize(1)
                .allMatch(p -> p.contains("lakehub.pipelines[0].deleted.compare-keys: '0' is not a positive duration"));
        assertThat(problems(pipeline("""
                      jdbc: { url: "jdbc:postgresql://h/db", table: orders, cursor: [updated_at, id] }
                      mode: upsert
                      key: [id]
                      deleted: { compare: PT1H }
                """))).anyMatch(p -> p.contains("lakehub.pipelines[0].deleted.compare"));
    }

    /** A jdbc pipeline at lines 3-5 plus {@code extra} from line 6 on. */
    private static String pipeline(String extra) {
        return """
                lakehub:
                  pipelines:
                    - id: orders
                      from: jdbc
                      into: orders
                %s""".formatted(extra);
    }

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, FILE);
        } catch (PipelineConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
        return List.of();
    }
}

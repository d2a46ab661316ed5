package io.lakehub.processors.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a poller spec accepts without a database: URLs, table names, queries, and a password never shown. */
class JdbcSourceSpecTest {

    @Test
    void onlySingleSelectsAreQueries() {
        assertThat(JdbcSourceSpec.queryProblem("SELECT id FROM orders")).isNull();
        assertThat(JdbcSourceSpec.queryProblem("  -- comment\n/* block */ select 1;  "))
                .isNull();
        assertThat(JdbcSourceSpec.queryProblem("SELECT ';' AS semi, \"a;b\" FROM t"))
                .isNull();
        assertThat(JdbcSourceSpec.queryProblem("WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x"))
                .startsWith("must be a SELECT; it starts with 'WITH'");
        assertThat(JdbcSourceSpec.queryProblem("SELECT 1; DELETE FROM t"))
                .isEqualTo("holds more than one statement; give a single SELECT");
        assertThat(JdbcSourceSpec.queryProblem("SELECT 'unterminated")).isEqualTo("has an unterminated string");
        assertThat(JdbcSourceSpec.queryProblem(" ")).startsWith("is empty");
        assertThat(JdbcSourceSpec.queryProblem("TRUNCATE orders")).startsWith("must be a SELECT");
    }

    @Test
    void tableNamesAreIdentifiersOnly() {
        for (String ok : List.of("orders", "public.orders", "db.public.orders", "\"Order Lines\"", "`shop`.`orders`")) {
            assertThat(JdbcSourceSpec.tableProblem(ok)).as(ok).isNull();
        }
        for (String bad : List.of("orders; DROP TABLE x", "orders o", "(SELECT 1)", "a.b.c.d", "")) {
            assertThat(JdbcSourceSpec.tableProblem(bad)).as(bad).isNotNull();
        }
    }

    @Test
    void supportedDatabasesAreNamedByUrl() {
        assertThat(JdbcDialect.of("jdbc:postgresql://h/db")).isEqualTo(JdbcDialect.POSTGRESQL);
        assertThat(JdbcDialect.of("jdbc:mariadb://h/db")).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.of("jdbc:mysql://h/db")).isEqualTo(JdbcDialect.MARIADB);
        assertThat(JdbcDialect.MARIADB.connectionUrl("jdbc:mysql://h/db?ssl=true"))
                .isEqualTo("jdbc:mysql://h/db?ssl=true&permitMysqlScheme");
        assertThat(JdbcSourceSpec.urlProblem("jdbc:sqlserver://h;db=x"))
                .startsWith("'jdbc:sqlserver' is not a supported database");
        assertThatThrownBy(() -> JdbcSourceSpec.of("p", "jdbc:h2:mem:x", null, null, "t", List.of()))
                .isInstanceOfSatisfying(
                        JdbcSourceRefusedException.class,
                        e -> assertThat(e.key()).isEqualTo("jdbc.url"));
    }

    @Test
    void thePasswordIsNeverShownAndThePositionKeyIsPerPipeline() {
        JdbcSourceSpec spec = JdbcSourceSpec.of(
                "orders", "jdbc:postgresql://bob:urlpw@h/db?password=qpw", "bob", "s3cret-pw", "orders", List.of("id"));
        assertThat(spec.toString() + spec.describe())
                .doesNotContain("s3cret-pw")
                .doesNotContain("urlpw")
                .doesNotContain("qpw");
        assertThat(spec.describe()).isEqualTo("jdbc:postgresql://***@h/db?password=*** table orders");
        assertThat(spec.positionKey()).isEqualTo("position.jdbc.orders");
        assertThat(spec.lag()).isEqualTo(Duration.ofSeconds(30));
        assertThatThrownBy(() -> spec.withLag(Duration.ofSeconds(-1))).hasMessage("jdbc.lag: may not be negative");
        assertThatThrownBy(() -> spec.withSizes(0, 1, 1)).hasMessage("jdbc.pageSize: must be at least 1");
    }
}

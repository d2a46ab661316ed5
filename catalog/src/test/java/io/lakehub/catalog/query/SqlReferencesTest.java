package io.lakehub.catalog.query;

import static io.lakehub.catalog.query.TestLake.schema;
import static io.lakehub.catalog.schema.LakeType.INT;
import static io.lakehub.catalog.schema.LakeType.STRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a query reads, as the access check sees it (ADR 0030): named columns, every way of reading all
 * columns without naming them, table functions, and DESCRIBE reading names only; user views
 * registered in DuckDB with a Java function.
 */
class SqlReferencesTest extends EngineOnTestLake {

    @BeforeEach
    void people() throws Exception {
        lake.append(
                "people",
                schema("id", INT, "name", STRING, "email", STRING),
                "SELECT 1::INTEGER AS id, 'Al' AS name, 'al@example.org' AS email");
    }

    private SqlReferences refs(String sql) {
        return engine.references(sql).orElseThrow();
    }

    @Test
    void namedColumnsAreReadAndOthersAreNot() {
        SqlReferences r = refs("SELECT id, name FROM people WHERE id > 0");
        assertThat(r.tables()).containsExactly("people");
        assertThat(r.reads("people", "email")).isFalse();
        assertThat(r.reads("people", "name")).isTrue();
        assertThat(refs("SELECT count(*) FROM people WHERE email = 'x'").reads("people", "email"))
                .isTrue();
        assertThat(refs("SELECT count(*) FROM people").reads("people", "email")).isFalse();
        assertThat(refs("SELECT people.id FROM people").reads("people", "email"))
                .isFalse();
        assertThat(refs("SELECT 1 FROM lakehub_merged.people").tables()).containsExactly("people");
        assertThat(refs("SELECT e FROM (SELECT email AS e FROM people)").reads("people", "email"))
                .isTrue();
        assertThat(refs("SELECT 1 FROM people a JOIN people b USING (email)").reads("people", "email"))
                .isTrue();
    }

    @Test
    void everyWayOfReadingAllColumnsWithoutNamingThemCounts() {
        for (String sql : List.of(
                "SELECT * FROM people",
                "FROM people",
                "SELECT p.* FROM people p",
                "SELECT COLUMNS('e.*') FROM people",
                "SELECT #3 FROM people",
                "SELECT p FROM people p",
                "SELECT to_json(people) FROM people",
                "SELECT main.people FROM people",
                "SELECT c FROM people AS p(a, b, c)",
                "SELECT count(*) FROM people NATURAL JOIN (SELECT 'x' AS email)",
                "WITH x AS (SELECT * FROM people) SELECT id FROM x",
                "SUMMARIZE people",
                "PIVOT people ON name IN ('Al') USING count(*)",
                "EXPLAIN SELECT * FROM people")) {
            SqlReferences r = refs(sql);
            assertThat(r.reads("people", "email")).as(sql).isTrue();
        }
    }

    @Test
    void aStarExcludingAColumnDoesNotReadIt() {
        SqlReferences r = refs("SELECT * EXCLUDE (email) FROM people");
        assertThat(r.wholeTables()).containsKey("people");
        assertThat(r.reads("people", "email")).isTrue(); // named in the EXCLUDE list: conservative
        assertThat(r.reads("people", "name")).isTrue();
    }

    @Test
    void describeReadsNamesOnlyAndTableFunctionsAreListed() {
        SqlReferences d = refs("DESCRIBE people");
        assertThat(d.describeOnly()).isTrue();
        assertThat(d.tables()).containsExactly("people");
        assertThat(d.reads("people", "email")).isFalse();
        assertThat(refs("SELECT * FROM read_parquet('x.parquet')").tableFunctions())
                .containsExactly("read_parquet");
    }

    @Test
    void refusedSqlIsRefusedBeforeAnyAnalysis() {
        assertThatThrownBy(() -> refs("DROP TABLE people")).isInstanceOf(SqlRefusedException.class);
    }

    @Test
    void aUserViewWithAJavaFunctionReadsLikeADataset() {
        engine.registerFunction("lakehub_test_upper", s -> s.toUpperCase(java.util.Locale.ROOT));
        engine.defineView("people_v", "SELECT id, lakehub_test_upper(email) AS email FROM people WHERE (id = 1)");

        QueryResult result = engine.query("SELECT * FROM people_v");
        assertThat(result.rows()).containsExactly(List.of(1, "AL@EXAMPLE.ORG"));
        assertThat(refs("SELECT * FROM people_v").tables()).containsExactly("people_v");

        engine.dropView("people_v");
        assertThatThrownBy(() -> engine.query("SELECT * FROM people_v")).isInstanceOf(QueryFailedException.class);
    }
}

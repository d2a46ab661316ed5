package io.lakehub.catalog.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The guard on its own, against a plain DuckDB connection: what is admitted and what is refused, and why. */
class SqlGuardTest {

    static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT * FROM people",
                "select 1;",
                "  -- leading comment\n SELECT 1 -- trailing comment",
                "WITH x AS (SELECT 1 AS a) SELECT * FROM x",
                "FROM people",
                "FROM people SELECT id WHERE id > 1",
                "VALUES (1, 'a'), (2, 'b')",
                "TABLE people",
                "DESCRIBE people",
                "SHOW TABLES",
                "SHOW ALL TABLES",
                "SUMMARIZE people",
                "PIVOT people ON name IN ('a', 'b') USING count(*)",
                "UNPIVOT people ON name INTO NAME k VALUE v",
                "(SELECT 1) UNION ALL (SELECT 2)",
                "SELECT ';' AS semicolon, 'DROP TABLE x; --' AS text",
                "SELECT 1 /* ; DROP VIEW people */",
                "SELECT \"a;b\" FROM people",
                "SELECT $$; DROP VIEW people$$ AS s",
                "SELECT * FROM query_table('people')",
                "SELECT * FROM pragma_table_info('people')",
            })
    void admitsASingleReadOnlyQueryUnchanged(String sql) {
        assertThat(SqlGuard.admit(duckdb, sql)).isEqualTo(sql);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "EXPLAIN SELECT * FROM people|EXPLAIN  SELECT * FROM people",
                "explain analyze SELECT 1|EXPLAIN ANALYZE  SELECT 1",
                "/* why */ EXPLAIN FROM people|EXPLAIN  FROM people",
            })
    void admitsExplainOfASingleQueryAsAFixedPrefixAndTheCheckedQuery(String sql, String expected) {
        assertThat(SqlGuard.admit(duckdb, sql)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "COPY people TO '/tmp/out.csv'|COPY is not allowed: COPY reads and writes files directly",
                "COPY people FROM '/etc/passwd'|COPY is not allowed",
                "ATTACH '/tmp/other.db' AS other|ATTACH is not allowed: only the lake's datasets can be queried",
                "ATTACH ':memory:' AS m|ATTACH is not allowed",
                "DETACH other|DETACH is not allowed",
                "USE other|USE is not allowed",
                "INSTALL httpfs|INSTALL is not allowed: extensions cannot be installed or loaded",
                "FORCE INSTALL httpfs|FORCE is not allowed: extensions cannot be installed or loaded",
                "LOAD httpfs|LOAD is not allowed: extensions cannot be installed or loaded",
                "SET enable_external_access = true|SET is not allowed: settings are fixed by the hub",
                "SET VARIABLE x = 1|SET is not allowed",
                "RESET allowed_directories|RESET is not allowed: settings are fixed by the hub",
                "PRAGMA enable_profiling|PRAGMA is not allowed: PRAGMA can change settings",
                "CALL pragma_version()|CALL is not allowed",
                "EXPORT DATABASE '/tmp/dump'|EXPORT is not allowed: EXPORT DATABASE writes files",
                "IMPORT DATABASE '/tmp/dump'|IMPORT is not allowed",
                "CREATE TABLE t AS SELECT 1|CREATE is not allowed: the lake is read-only here",
                "CREATE OR REPLACE VIEW people AS SELECT 1|CREATE is not allowed",
                "CREATE MACRO m(x) AS x + 1|CREATE is not allowed",
                "DROP VIEW people|DROP is not allowed: the lake is read-only here",
                "ALTER VIEW people RENAME TO folks|ALTER is not allowed",
                "INSERT INTO lakehub_audit VALUES (1)|INSERT is not allowed",
                "UPDATE lakehub_audit SET actor = 'x'|UPDATE is not allowed",
                "DELETE FROM lakehub_audit|DELETE is not allowed",
                "TRUNCATE lakehub_audit|TRUNCATE is not allowed",
                "CHECKPOINT|CHECKPOINT is not allowed",
                "VACUUM|VACUUM is not allowed",
                "BEGIN TRANSACTION|BEGIN is not allowed: each query runs in its own read-only transaction",
                "PREPARE p AS SELECT 1|PREPARE is not allowed",
                "EXPLAIN DROP VIEW people|EXPLAIN is allowed only in front of a single read-only query",
                "EXPLAIN (FORMAT json) SELECT 1|EXPLAIN options in parentheses are not supported",
                "SELECT * FROM enable_logging()|enable_logging() is not allowed: it changes DuckDB's logging",
                "SELECT * FROM main.enable_logging(storage := 'file', storage_path := '/lake/x')|enable_logging() is not allowed",
                "WITH x AS (SELECT * FROM enable_logging()) SELECT 1|enable_logging() is not allowed",
                "EXPLAIN ANALYZE SELECT * FROM enable_logging()|enable_logging() is not allowed",
                "SELECT * FROM disable_logging()|disable_logging() is not allowed",
                "SELECT * FROM truncate_duckdb_logs()|truncate_duckdb_logs() is not allowed",
                "SELECT 1 WHERE write_log('x') IS NULL|write_log() is not allowed",
                "SELECT * FROM enable_profiling()|enable_profiling() is not allowed",
                "SELECT * FROM disable_profiling()|disable_profiling() is not allowed",
                "SELECT * FROM checkpoint()|checkpoint() is not allowed",
                "SELECT * FROM force_checkpoint()|force_checkpoint() is not allowed",
                "SELECT * FROM arrow_scan(1, 2, 3)|arrow_scan() is not allowed: it reads raw memory addresses",
                "SELECT * FROM arrow_scan_dumb(1, 2, 3)|arrow_scan_dumb() is not allowed",
                "SELECT * FROM query('DROP VIEW people')|query() is not allowed: it runs SQL given as text",
                "SELECT * FROM json_execute_serialized_sql('{}')|json_execute_serialized_sql() is not allowed",
            })
    void refusesEverythingButAReadOnlyQueryAndSaysWhat(String sql, String message) {
        assertThatThrownBy(() -> SqlGuard.admit(duckdb, sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageStartingWith(message)
                .hasMessageEndingWith("Nothing was executed.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "SELECT 1; SELECT 2|SELECT",
                "SELECT 1; DROP VIEW people|DROP",
                "SELECT 1; /* then */ COPY people TO 'x.csv'|COPY",
                "FROM people; SET threads = 1|SET",
                "EXPLAIN SELECT 1; DROP VIEW people|DROP",
                "PIVOT people ON name IN ('a') USING count(*); DROP VIEW people|DROP",
                "PIVOT people ON name USING count(*); SELECT 1|SELECT",
            })
    void refusesMoreThanOneStatementNamingTheSecond(String sql, String second) {
        assertThatThrownBy(() -> SqlGuard.admit(duckdb, sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessage("Only one statement can run per request, and this SQL holds more than one (the second"
                        + " starts with " + second + "). Nothing was executed.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- just a comment", "/* nothing */ ;"})
    void refusesSqlWithoutAStatement(String sql) {
        assertThatThrownBy(() -> SqlGuard.admit(duckdb, sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("send one read-only query");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PIVOT people ON name USING count(*)", "SELECT * FROM (PIVOT people ON name USING sum(x))"})
    void refusesPivotWithoutAnInListAndShowsHowToWriteIt(String sql) {
        assertThatThrownBy(() -> SqlGuard.admit(duckdb, sql))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("List the values, e.g. PIVOT <dataset> ON <column> IN ('a', 'b')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1 +", "SELEKT 1", "EXPLAIN", "EXPLAIN SELECT FROM WHERE"})
    void syntaxErrorsAreQueryFailuresWithDuckDbsParserMessage(String sql) {
        assertThatThrownBy(() -> SqlGuard.admit(duckdb, sql))
                .isInstanceOf(QueryFailedException.class)
                .hasMessageStartingWith("Parser Error: syntax error")
                .hasMessageContaining("at position");
    }
}

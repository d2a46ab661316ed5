package io.lakehub.catalog.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admits exactly one read-only query statement and refuses everything else before anything runs.
 *
 * <p>DuckDB's own parser decides: {@code json_serialize_sql} serializes only SELECT-shaped
 * statements (which includes WITH, FROM-first, VALUES, TABLE, DESCRIBE, SHOW, SUMMARIZE and PIVOT
 * with an IN list) and reports every statement in the text, so a second statement or any statement
 * of another kind is seen without executing anything. This matters because the DuckDB JDBC driver
 * executes all but the last statement of a multi-statement string while merely preparing it.
 * {@code EXPLAIN [ANALYZE]} is admitted by checking the query behind it the same way and running
 * exactly that query behind a fixed prefix. A few functions are refused wherever they appear in the
 * parse tree, because calling them is not reading: they change DuckDB's logging or profiling, write
 * files, read raw memory, or run SQL text that was never checked.
 *
 * <p>This guard keeps the SQL read-only; DuckDB's configuration (allowed directories, no external
 * access, locked settings) separately keeps it inside the lake.
 */
final class SqlGuard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ALLOWED = "Only a single read-only query can run: SELECT, WITH, FROM, VALUES, TABLE,"
            + " DESCRIBE, SHOW, SUMMARIZE, PIVOT/UNPIVOT, or EXPLAIN of one of them.";
    private static final String NOTHING_RAN = " Nothing was executed.";

    private static final Set<String> QUERY_STARTS =
            Set.of("SELECT", "WITH", "FROM", "VALUES", "TABLE", "DESCRIBE", "DESC", "SHOW", "SUMMARIZE");
    private static final Set<String> PIVOTS = Set.of("PIVOT", "UNPIVOT", "PIVOT_WIDER", "PIVOT_LONGER");

    private static final String READ_ONLY = "the lake is read-only here; datasets change only through ingestion";
    private static final String SETTINGS =
            "settings are fixed by the hub because they keep SQL read-only and inside the lake";
    private static final String EXTENSIONS = "extensions cannot be installed or loaded; parquet and json are built in";
    private static final String DATABASES = "only the lake's datasets can be queried, no other database or file";
    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("COPY", "COPY reads and writes files directly; query datasets by name instead"),
            Map.entry("EXPORT", "EXPORT DATABASE writes files"),
            Map.entry("IMPORT", "IMPORT DATABASE reads files and changes the database"),
            Map.entry("ATTACH", DATABASES),
            Map.entry("DETACH", DATABASES),
            Map.entry("USE", DATABASES),
            Map.entry("INSTALL", EXTENSIONS),
            Map.entry("FORCE", EXTENSIONS),
            Map.entry("LOAD", EXTENSIONS),
            Map.entry("SET", SETTINGS),
            Map.entry("RESET", SETTINGS),
            Map.entry(
                    "PRAGMA", "PRAGMA can change settings; use DESCRIBE <dataset> or SHOW TABLES to inspect the lake"),
            Map.entry("CALL", "CALL runs procedures; read a table function with SELECT * FROM function(...) instead"),
            Map.entry("CREATE", READ_ONLY),
            Map.entry("DROP", READ_ONLY),
            Map.entry("ALTER", READ_ONLY),
            Map.entry("INSERT", READ_ONLY),
            Map.entry("UPDATE", READ_ONLY),
            Map.entry("DELETE", READ_ONLY),
            Map.entry("TRUNCATE", READ_ONLY),
            Map.entry("MERGE", READ_ONLY),
            Map.entry("COMMENT", READ_ONLY),
            Map.entry("VACUUM", READ_ONLY),
            Map.entry("CHECKPOINT", READ_ONLY),
            Map.entry("ANALYZE", READ_ONLY),
            Map.entry("BEGIN", "each query runs in its own read-only transaction"),
            Map.entry("START", "each query runs in its own read-only transaction"),
            Map.entry("COMMIT", "each query runs in its own read-only transaction"),
            Map.entry("END", "each query runs in its own read-only transaction"),
            Map.entry("ROLLBACK", "each query runs in its own read-only transaction"),
            Map.entry("ABORT", "each query runs in its own read-only transaction"),
            Map.entry("PREPARE", "prepared statements are not supported; send the query itself"),
            Map.entry("EXECUTE", "prepared statements are not supported; send the query itself"),
            Map.entry("DEALLOCATE", "prepared statements are not supported; send the query itself"));

    /**
     * Functions a SELECT may not call although DuckDB parses them as a query: they change the
     * process's state, write files (inside the lake, where file access is allowed), read raw memory,
     * or run SQL text that this guard never sees.
     */
    private static final Map<String, String> DENIED_FUNCTIONS = Map.ofEntries(
            Map.entry("enable_logging", "it changes DuckDB's logging for the whole hub and can write log files"),
            Map.entry("disable_logging", "it changes DuckDB's logging for the whole hub"),
            Map.entry("truncate_duckdb_logs", "it deletes DuckDB's log"),
            Map.entry("write_log", "it writes to DuckDB's log"),
            Map.entry("enable_profiling", "it changes profiling and can write profile files"),
            Map.entry("disable_profiling", "it changes profiling"),
            Map.entry("checkpoint", "it writes to the database"),
            Map.entry("force_checkpoint", "it writes to the database"),
            Map.entry("arrow_scan", "it reads raw memory addresses and could crash the hub"),
            Map.entry("arrow_scan_dumb", "it reads raw memory addresses and could crash the hub"),
            Map.entry(
                    "query",
                    "it runs SQL given as text, which cannot be checked before it runs; write the query itself"),
            Map.entry(
                    "json_execute_serialized_sql",
                    "it runs SQL given as text, which cannot be checked before it runs; write the query itself"));

    private SqlGuard() {}

    /**
     * Checks {@code sql} with DuckDB's parser on {@code connection} (nothing is executed) and returns
     * the text to run: the SQL itself, or for EXPLAIN the checked query behind a fixed prefix.
     *
     * @throws SqlRefusedException when it is not a single read-only query
     * @throws QueryFailedException when DuckDB cannot parse it
     */
    static String admit(Connection connection, String sql) {
        if (sql == null || SqlScanner.skipInsignificant(sql, 0) >= sql.length()) {
            throw new SqlRefusedException("The SQL is empty: send one read-only query, for example"
                    + " SELECT * FROM <dataset> LIMIT 10." + NOTHING_RAN);
        }
        Parse parse = parse(connection, sql);
        if (parse.ok()) {
            return requireOne(parse, sql);
        }
        if (parse.syntaxError()) {
            throw parse.failure();
        }
        if (!parse.onlySelectMessage()) {
            throw new SqlRefusedException("DuckDB could not confirm that this is a single read-only query ("
                    + parse.errorMessage() + "). " + ALLOWED + NOTHING_RAN);
        }
        Optional<SqlScanner.Word> first = SqlScanner.firstWord(sql, 0);
        String keyword = first.map(SqlScanner.Word::upper).orElse("");
        if (keyword.equals("EXPLAIN")) {
            return admitExplain(connection, sql, first.get());
        }
        if (keyword.isEmpty() || QUERY_STARTS.contains(keyword) || PIVOTS.contains(keyword)) {
            // Query-shaped, yet DuckDB saw a statement of another kind: a second statement, or a
            // PIVOT that DuckDB expands into several.
            Optional<String> second = SqlScanner.secondStatementKeyword(sql);
            if (second.isPresent()) {
                throw multipleStatements(second.get());
            }
            if (PIVOTS.stream().anyMatch(p -> SqlScanner.containsWord(sql, p))) {
                throw new SqlRefusedException("PIVOT without an explicit IN list cannot be checked as read-only"
                        + " (DuckDB runs it as several statements). List the values, e.g. PIVOT <dataset> ON"
                        + " <column> IN ('a', 'b') USING count(*)." + NOTHING_RAN);
            }
            throw new SqlRefusedException(
                    "This SQL contains a statement that is not a read-only query. " + ALLOWED + NOTHING_RAN);
        }
        String reason = REASONS.get(keyword);
        throw new SqlRefusedException(
                keyword + " is not allowed" + (reason == null ? "" : ": " + reason) + ". " + ALLOWED + NOTHING_RAN);
    }

    private static String admitExplain(Connection connection, String sql, SqlScanner.Word explain) {
        int after = explain.end();
        Optional<SqlScanner.Word> next = SqlScanner.firstWord(sql, after);
        boolean analyze = next.isPresent() && next.get().upper().equals("ANALYZE");
        if (analyze) {
            after = next.get().end();
        }
        int innerStart = SqlScanner.skipInsignificant(sql, after);
        if (innerStart < sql.length()
                && sql.charAt(innerStart) == '('
                && SqlScanner.firstWord(sql, innerStart + 1)
                        .filter(w -> !QUERY_STARTS.contains(w.upper()))
                        .isPresent()) {
            throw new SqlRefusedException("EXPLAIN options in parentheses are not supported; use EXPLAIN or"
                    + " EXPLAIN ANALYZE followed by the query." + NOTHING_RAN);
        }
        String inner = sql.substring(after);
        Parse parse = parse(connection, inner);
        if (parse.ok()) {
            return (analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + requireOne(parse, inner);
        }
        if (parse.syntaxError()) {
            throw parse.failure();
        }
        Optional<String> second = SqlScanner.secondStatementKeyword(inner);
        if (second.isPresent()) {
            throw multipleStatements(second.get());
        }
        throw new SqlRefusedException(
                "EXPLAIN is allowed only in front of a single read-only query. " + ALLOWED + NOTHING_RAN);
    }

    private static String requireOne(Parse parse, String sql) {
        if (parse.statements() == 0) {
            throw new SqlRefusedException(
                    "The SQL holds no statement, only comments: send one read-only query." + NOTHING_RAN);
        }
        if (parse.statements() > 1) {
            throw multipleStatements(SqlScanner.secondStatementKeyword(sql).orElse("another statement"));
        }
        refuseDeniedFunctions(parse.tree());
        return sql;
    }

    /** Refuses a call of a denied function anywhere in DuckDB's parse tree of the statement. */
    private static void refuseDeniedFunctions(JsonNode node) {
        if (node.isObject()) {
            JsonNode name = node.get("function_name");
            if (name != null && name.isTextual()) {
                String function = name.asText().toLowerCase(Locale.ROOT);
                String reason = DENIED_FUNCTIONS.get(function);
                if (reason != null) {
                    throw new SqlRefusedException(function + "() is not allowed: " + reason + "." + NOTHING_RAN);
                }
            }
        }
        if (node.isContainerNode()) {
            node.forEach(SqlGuard::refuseDeniedFunctions);
        }
    }

    /**
     * The parse tree of the one statement of {@code query}, a query {@link #admit} returned (for
     * EXPLAIN, the query behind it).
     */
    static JsonNode tree(Connection connection, String query) {
        String sql = query;
        if (sql.startsWith("EXPLAIN ANALYZE ")) {
            sql = sql.substring("EXPLAIN ANALYZE ".length());
        } else if (sql.startsWith("EXPLAIN ")) {
            sql = sql.substring("EXPLAIN ".length());
        }
        Parse parse = parse(connection, sql);
        if (!parse.ok() || parse.statements() != 1) {
            throw new QueryFailedException(
                    "The query's parse tree could not be read after it was admitted. Nothing was executed.", null);
        }
        return parse.tree().path("statements").get(0).path("node");
    }

    private static SqlRefusedException multipleStatements(String secondKeyword) {
        return new SqlRefusedException("Only one statement can run per request, and this SQL holds more than one"
                + " (the second starts with " + secondKeyword + ")." + NOTHING_RAN);
    }

    private static Parse parse(Connection connection, String sql) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
            ps.setString(1, sql);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                JsonNode json = JSON.readTree(rs.getString(1));
                return new Parse(
                        json,
                        json.path("error").asBoolean(false),
                        json.path("error_type").asText(""),
                        json.path("error_message").asText(""),
                        json.path("position").asText(""),
                        json.path("statements").size());
            }
        } catch (SQLException | java.io.IOException e) {
            throw new QueryFailedException(
                    "The SQL could not be checked before running it: DuckDB's parser failed (" + e.getMessage()
                            + "). Nothing was executed.",
                    e);
        }
    }

    /** What {@code json_serialize_sql} reported. */
    private record Parse(
            JsonNode tree, boolean error, String errorType, String errorMessage, String position, int statements) {
        boolean ok() {
            return !error;
        }

        boolean syntaxError() {
            return errorType.equals("parser");
        }

        boolean onlySelectMessage() {
            return errorMessage.startsWith("Only SELECT statements");
        }

        QueryFailedException failure() {
            String where = position.isEmpty() ? "" : " (at position " + position + " of the SQL)";
            return new QueryFailedException("Parser Error: " + errorMessage + where + ". Nothing was executed.", null);
        }
    }
}

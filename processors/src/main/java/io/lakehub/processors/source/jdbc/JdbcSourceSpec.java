package io.lakehub.processors.source.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a database poller reads and how. Built by the pipeline configuration ({@code from: jdbc}
 * with a {@code jdbc:} block) or directly. {@link #toString()} never shows the password.
 *
 * @param pipeline the pipeline id; namespaces the position property ({@link #positionKey()}) so
 *     that several pipelines into one dataset keep their own cursor. {@code null} for an ad-hoc read
 * @param url JDBC URL: {@code jdbc:postgresql:}, {@code jdbc:mariadb:} or {@code jdbc:mysql:}
 * @param user database user; {@code null} to use the URL's
 * @param password database password; {@code null} when none. Never logged, never in a message
 * @param table the table (optionally schema-qualified), or {@code null} when {@code query} is given
 * @param query a SELECT whose rows are read, or {@code null} when {@code table} is given
 * @param cursor cursor columns, in order; empty for a full snapshot on every poll. The key columns
 *     not already in it are appended, so that the order identifies a row
 * @param key the source's primary key; empty to read it from the database's metadata
 * @param keyRequired whether a key must be known (the pipeline upserts); a table without a primary
 *     key and no {@code key} is then refused
 * @param deletedColumn the soft-delete column (a boolean, true when the row was deleted), or
 *     {@code null}
 * @param lag safety lag: with a timestamp as first cursor column only rows older than the
 *     database's {@code now() - lag} are read, so that rows committed late by a slow transaction
 *     are caught; {@link Duration#ZERO} disables it
 * @param pageSize rows per keyset page ({@code ... ORDER BY cursor LIMIT pageSize})
 * @param fetchSize rows the driver fetches per round trip while streaming a page
 * @param batchRows rows per Arrow batch
 * @param compareKeys how often a poll also reads every key of the source and hides the dataset's
 *     keys gone from it (hard deletes; {@code deleted: { compare-keys: PT1H }}); {@code null} never
 */
public record JdbcSourceSpec(
        String pipeline,
        String url,
        String user,
        String password,
        String table,
        String query,
        List<String> cursor,
        List<String> key,
        boolean keyRequired,
        String deletedColumn,
        Duration lag,
        int pageSize,
        int fetchSize,
        int batchRows,
        Duration compareKeys) {

    /**
     * Default safety lag: rows younger than 30 seconds wait for the next poll. Long enough for a
     * typical OLTP transaction to commit between taking its timestamp and committing; short next to
     * the usual schedule of minutes.
     */
    public static final Duration DEFAULT_LAG = Duration.ofSeconds(30);

    public static final int DEFAULT_PAGE_SIZE = 50_000;
    public static final int DEFAULT_FETCH_SIZE = 5_000;
    public static final int DEFAULT_BATCH_ROWS = 8_192;

    /** Property key prefix of the position; the pipeline id follows. */
    public static final String POSITION_PREFIX = "position.jdbc";

    /** A table name: identifiers, optionally quoted, separated by dots. */
    private static final Pattern TABLE = Pattern.compile(
            "(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\x00]+\"|`[^`\\x00]+`)(?:\\.(?:[A-Za-z_][A-Za-z0-9_$]*|\"[^\"\\x00]+\"|`[^`\\x00]+`)){0,2}");

    public JdbcSourceSpec {
        Objects.requireNonNull(url, "url");
        cursor = List.copyOf(cursor == null ? List.of() : cursor);
        key = List.copyOf(key == null ? List.of() : key);
        lag = lag == null ? DEFAULT_LAG : lag;
        String urlProblem = urlProblem(url);
        if (urlProblem != null) {
            throw new JdbcSourceRefusedException("jdbc.url", urlProblem);
        }
        if ((table == null) == (query == null)) {
            throw new JdbcSourceRefusedException(
                    table == null ? "jdbc.table" : "jdbc.query",
                    "give either table (e.g. public.orders) or query (a SELECT), not "
                            + (table == null ? "neither" : "both"));
        }
        if (table != null && tableProblem(table) != null) {
            throw new JdbcSourceRefusedException("jdbc.table", tableProblem(table));
        }
        if (query != null && queryProblem(query) != null) {
            throw new JdbcSourceRefusedException("jdbc.query", queryProblem(query));
        }
        if (lag.isNegative()) {
            throw new JdbcSourceRefusedException("jdbc.lag", "may not be negative");
        }
        if (compareKeys != null && (compareKeys.isNegative() || compareKeys.isZero())) {
            throw new JdbcSourceRefusedException("deleted.compare-keys", "must be a positive duration, e.g. PT1H");
        }
        if (pageSize < 1 || fetchSize < 1 || batchRows < 1) {
            throw new JdbcSourceRefusedException(
                    pageSize < 1 ? "jdbc.pageSize" : fetchSize < 1 ? "jdbc.fetchSize" : "batchRows",
                    "must be at least 1");
        }
    }

    /** A spec with the default lag, page, fetch and batch sizes. */
    public static JdbcSourceSpec of(
            String pipeline, String url, String user, String password, String table, List<String> cursor) {
        return new JdbcSourceSpec(
                pipeline,
                url,
                user,
                password,
                table,
                null,
                cursor,
                List.of(),
                false,
                null,
                DEFAULT_LAG,
                DEFAULT_PAGE_SIZE,
                DEFAULT_FETCH_SIZE,
                DEFAULT_BATCH_ROWS,
                null);
    }

    public JdbcSourceSpec withQuery(String q) {
        Copy c = new Copy(this);
        c.table = null;
        c.query = q;
        return c.build();
    }

    public JdbcSourceSpec withKey(List<String> k, boolean required) {
        Copy c = new Copy(this);
        c.key = k;
        c.keyRequired = required;
        return c.build();
    }

    public JdbcSourceSpec withDeletedColumn(String column) {
        Copy c = new Copy(this);
        c.deletedColumn = column;
        return c.build();
    }

    public JdbcSourceSpec withLag(Duration l) {
        Copy c = new Copy(this);
        c.lag = l;
        return c.build();
    }

    public JdbcSourceSpec withPassword(String p) {
        Copy c = new Copy(this);
        c.password = p;
        return c.build();
    }

    public JdbcSourceSpec withSizes(int page, int fetch, int batch) {
        Copy c = new Copy(this);
        c.pageSize = page;
        c.fetchSize = fetch;
        c.batchRows = batch;
        return c.build();
    }

    public JdbcSourceSpec withCompareKeys(Duration every) {
        Copy c = new Copy(this);
        c.compareKeys = every;
        return c.build();
    }

    /** The components of a spec, to change some and build a new one (validated again by the record). */
    private static final class Copy {
        private final String pipeline;
        private final String url;
        private final String user;
        private String password;
        private String table;
        private String query;
        private final List<String> cursor;
        private List<String> key;
        private boolean keyRequired;
        private String deletedColumn;
        private Duration lag;
        private int pageSize;
        private int fetchSize;
        private int batchRows;
        private Duration compareKeys;

        Copy(JdbcSourceSpec s) {
            pipeline = s.pipeline;
            url = s.url;
            user = s.user;
            password = s.password;
            table = s.table;
            query = s.query;
            cursor = s.cursor;
            key = s.key;
            keyRequired = s.keyRequired;
            deletedColumn = s.deletedColumn;
            lag = s.lag;
            pageSize = s.pageSize;
            fetchSize = s.fetchSize;
            batchRows = s.batchRows;
            compareKeys = s.compareKeys;
        }

        JdbcSourceSpec build() {
            return new JdbcSourceSpec(
                    pipeline,
                    url,
                    user,
                    password,
                    table,
                    query,
                    cursor,
                    key,
                    keyRequired,
                    deletedColumn,
                    lag,
                    pageSize,
                    fetchSize,
                    batchRows,
                    compareKeys);
        }
    }

    /**
     * The snapshot property holding when this poller last compared the source's keys with the
     * dataset's: {@code position.jdbc.<pipeline>.keys-compared-at}, an ISO instant.
     */
    public String keysComparedAtKey() {
        return positionKey() + ".keys-compared-at";
    }

    /** The snapshot property holding this poller's cursor: {@code position.jdbc.<pipeline>}. */
    public String positionKey() {
        return pipeline == null ? POSITION_PREFIX : POSITION_PREFIX + "." + pipeline;
    }

    /** What lineage and messages show as the source: the URL without credentials, and the table or "query". */
    public String describe() {
        return io.lakehub.catalog.commit.Redaction.redactUri(url) + (table != null ? " table " + table : " query");
    }

    /** Why {@code url} cannot be used, or {@code null}. */
    public static String urlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "is empty; give a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/test";
        }
        try {
            JdbcDialect.of(url);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Why {@code table} is not a table name the poller accepts, or {@code null}. */
    public static String tableProblem(String table) {
        if (table == null || !TABLE.matcher(table.strip()).matches()) {
            return "'" + table + "' is not a table name; write name, schema.name or \"Quoted Name\"";
        }
        return null;
    }

    /**
     * Why {@code query} is not a single SELECT, or {@code null}. Comments and string literals are
     * skipped; the first word must be SELECT and no second statement may follow a semicolon. The
     * poller also reads on a read-only connection (PostgreSQL enforces it), so this is a guard for
     * mistakes, not the only one.
     */
    public static String queryProblem(String query) {
        if (query == null || query.isBlank()) {
            return "is empty; give a SELECT, e.g. SELECT id, name, updated_at FROM orders";
        }
        String s = query;
        int i = skipSpaceAndComments(s, 0);
        int start = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        String first = s.substring(start, i).toUpperCase(Locale.ROOT);
        if (!first.equals("SELECT")) {
            return "must be a SELECT; it starts with '"
                    + (first.isEmpty() ? s.strip().charAt(0) : first) + "'. The poller only reads.";
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    return "has an unterminated " + (c == '\'' ? "string" : "quoted name");
                }
                i = end;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-'
                    || c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                i = skipSpaceAndComments(s, i) - 1;
            } else if (c == ';') {
                if (skipSpaceAndComments(s, i + 1) < s.length()) {
                    return "holds more than one statement; give a single SELECT";
                }
                break;
            }
        }
        return null;
    }

    /** The query without a trailing semicolon, for wrapping in a derived table. */
    String queryBody() {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return q;
    }

    private static int skipSpaceAndComments(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < s.length() && s.charAt(i + 1) == '-') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl + 1;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    @Override
    public String toString() {
        return "JdbcSourceSpec[pipeline=" + pipeline + ", url=" + io.lakehub.catalog.commit.Redaction.redactUri(url)
                + ", user=" + user + ", password=" + (password == null ? "(none)" : "***") + ", "
                + (table != null ? "table=" + table : "query=(" + query.length() + " chars)") + ", cursor=" + cursor
                + ", key=" + key + ", keyRequired=" + keyRequired + ", deleted=" + deletedColumn + ", lag=" + lag
                + ", pageSize=" + pageSize + ", fetchSize=" + fetchSize + "]";
    }
}

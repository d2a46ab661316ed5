package io.lakehub.processors.source.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.commit.Redaction;
import io.lakehub.catalog.schema.LakeField;
import io.lakehub.catalog.schema.LakeSchema;
import io.lakehub.processors.chain.BatchSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database poller: reads a table or a SELECT of PostgreSQL or MySQL/MariaDB into Arrow batches.
 *
 * <p><b>Incremental</b> (with {@code cursor}): keyset pages ordered by the cursor columns followed
 * by the key columns not already in it, so the order identifies a row:
 *
 * <pre>
 *   SELECT * FROM orders WHERE (updated_at, id) &gt; (?, ?) AND updated_at &lt; ? ORDER BY updated_at, id LIMIT 50000
 * </pre>
 *
 * The first page of a pipeline without a committed position has no {@code >} condition. Rows
 * sharing the last committed cursor value are neither lost (the order continues within equal
 * timestamps by key) nor read twice (the comparison is strict on the whole row value). The upper
 * bound {@code updated_at < now() - lag} (the database's clock, taken once at open) applies when
 * the first cursor column is a timestamp: a transaction that took its timestamp before the poll
 * but commits after it still lands above the committed cursor, provided it commits within the lag.
 * A larger lag delays every row by that much.
 *
 * <p><b>Full snapshot</b> (no cursor): every poll reads the whole table. MariaDB: the same keyset
 * pages over the key (never OFFSET: each page starts where the previous one ended, in an index).
 * PostgreSQL: one binary COPY of the whole table, unordered — a sequential scan without a sort, and
 * one consistent snapshot of the table; a full snapshot has no position to resume from, so pages
 * would only add sorting and statements. The source's transaction stays open for that one read.
 *
 * <p><b>PostgreSQL reads by binary COPY</b>: each page is {@code COPY (SELECT <columns> FROM t WHERE
 * (c1, c2) > (<literal>, <literal>) [AND c1 < <literal>] ORDER BY c1, c2 LIMIT n) TO STDOUT (FORMAT
 * binary)}, decoded by {@link PgBinaryCopyDecoder} straight into the Arrow vectors — no text, no
 * per-value objects, about twice as fast as reading the rows through a JDBC ResultSet. COPY takes no
 * bind parameters: the cursor values are written as typed literals by {@link PgLiterals} (strings
 * as escape strings with quote and backslash escaped, exact whatever {@code
 * standard_conforming_strings} is). Enum columns are selected as text. The position after a page
 * is the last row's cursor values, kept by the decoder from the bytes it read. A column COPY cannot
 * deliver as the lake column wants it (a list written into a JSON column, a value written as text
 * into a STRING column the dataset already has) makes the source read through JDBC instead, as it
 * always does on MariaDB.
 *
 * <p>Every page is a statement of its own, streamed (JDBC with the fetch size; PostgreSQL in a
 * read-only transaction, ended after the page; MariaDB streaming), so memory is bounded by the
 * fetch size and the batch, and no snapshot is held open between pages.
 *
 * <p><b>Position</b>: {@link #position()} is {@code position.jdbc.<pipeline>} → {@code
 * {"cursor":[{"column":"updated_at","type":"timestamptz","value":"2026-01-01T10:00:00.123456Z"},
 * {"column":"id","type":"int8","value":42}]}}, the last row read. {@link #open()} asks the supplier
 * given at construction for the committed value every time it runs, so a retry after a failure
 * reads from what is committed, not from what an earlier attempt reached.
 *
 * <p><b>Refusals</b> at open ({@link JdbcSourceRefusedException}, naming the key and column): a
 * cursor, key or soft-delete column the source lacks, a column type the lake cannot hold, a cursor
 * column holding NULLs (those rows could never be read in order; make the column NOT NULL or pick
 * another), a table without a primary key when a key is needed (upsert, full snapshot) and none is
 * given, a committed position for other cursor columns. Connection and query failures are {@link
 * JdbcSourceException} with the driver's message, never the password.
 *
 * <p>Not thread-safe; one thread drives it.
 */
public final class JdbcSource implements BatchSource {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DERIVED = "lakehub_source";

    private final JdbcSourceSpec spec;
    private final Supplier<Optional<String>> committedPosition;

    private JdbcDialect dialect;
    private Connection connection;
    private String from;
    private List<JdbcColumn> columns;
    private List<JdbcColumn> order;
    private List<String> key;
    private JdbcColumn deleted;
    private LakeSchema schema;
    private Object upperBound;
    private Object[] last;
    private Optional<String> startPosition = Optional.empty();

    private PreparedStatement page;
    private ResultSet rows;
    /** PostgreSQL: the columns as the binary COPY sends them; {@code null} to read through JDBC. */
    private List<PgBinaryCopyDecoder.Column> copyColumns;

    private boolean copyPlanned;
    private PGCopyInputStream copyIn;
    private PgBinaryCopyDecoder decoder;
    private int rowsInPage;
    private boolean exhausted;
    private long rowsRead;

    /**
     * @param spec what to read
     * @param committedPosition the value of {@link JdbcSourceSpec#positionKey()} in the dataset's
     *     latest snapshot that has it; asked at every {@link #open()}
     */
    public JdbcSource(JdbcSourceSpec spec, Supplier<Optional<String>> committedPosition) {
        this.spec = spec;
        this.committedPosition = committedPosition;
    }

    /** A source that starts from the beginning (no committed position). */
    public JdbcSource(JdbcSourceSpec spec) {
        this(spec, Optional::empty);
    }

    public JdbcSourceSpec spec() {
        return spec;
    }

    /**
     * Connects, maps the columns, resolves cursor, key and soft-delete column, and reads the
     * committed position. May be called again after {@link #close()} (a retry): everything is
     * determined afresh.
     *
     * @throws JdbcSourceRefusedException the configuration does not fit the database; nothing read
     * @throws JdbcSourceException the database could not be reached or read; nothing read
     */
    @Override
    public void open() {
        close();
        rowsRead = 0;
        exhausted = false;
        last = null;
        upperBound = null;
        copyPlanned = false;
        copyColumns = null;
        dialect = JdbcDialect.of(spec.url());
        from = spec.table() != null ? spec.table().strip() : "(" + spec.queryBody() + ") " + DERIVED;
        connection = connect();
        boolean ok = false;
        try {
            dialect.prepare(connection);
            columns = probe();
            key = resolveKey();
            List<JdbcColumn> cursor = new ArrayList<>();
            for (String c : spec.cursor()) {
                JdbcColumn col = column(c, "jdbc.cursor");
                if (!col.kind.cursorCapable()) {
                    throw refused(
                            "jdbc.cursor",
                            "column '" + col.name + "' has type " + col.databaseType
                                    + ", which cannot order rows; pick a timestamp, number, date or text column");
                }
                cursor.add(col);
            }
            order = orderColumns(cursor);
            if (spec.deletedColumn() != null) {
                deleted = column(spec.deletedColumn(), "deleted.column");
                if (deleted.kind != JdbcColumn.Kind.BOOLEAN) {
                    throw refused(
                            "deleted.column",
                            "column '" + deleted.name + "' has type " + deleted.databaseType
                                    + "; the soft-delete column must be a boolean (true when the row was deleted)");
                }
            }
            refuseNullCursorValues();
            warnWithoutIndex();
            if (!cursor.isEmpty()
                    && cursor.get(0).kind.isTimestamp()
                    && !spec.lag().isZero()) {
                upperBound = cursor.get(0).lagBound(connection, spec.lag());
            }
            if (!cursor.isEmpty()) {
                startPosition = committedPosition.get();
                startPosition.ifPresent(this::resume);
            }
            dialect.endRead(connection);
            schema = new LakeSchema(columns.stream().map(JdbcColumn::field).toList());
            ok = true;
            LOG.debug(
                    "Opened {} ordered by {}{}",
                    spec.describe(),
                    order.stream().map(c -> c.name).toList(),
                    last == null ? " from the start" : " after the committed position");
        } catch (SQLException e) {
            throw failed("could not be read", e);
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    private Connection connect() {
        Properties p = dialect.connectionProperties(spec.url());
        if (spec.user() != null) {
            p.setProperty("user", spec.user());
        }
        if (spec.password() != null) {
            p.setProperty("password", spec.password());
        }
        try {
            return DriverManager.getConnection(dialect.connectionUrl(spec.url()), p);
        } catch (SQLException e) {
            throw failed("refused the connection", e);
        }
    }

    /** The result's columns, each mapped or refused; a missing table or a bad query is refused. */
    private List<JdbcColumn> probe() throws SQLException {
        String sql = "SELECT * FROM " + from + " WHERE 1 = 0";
        try (PreparedStatement s = connection.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            var md = rs.getMetaData();
            List<JdbcColumn> result = new ArrayList<>();
            String source = spec.table() != null ? "table " + spec.table() : "query";
            for (int i = 1; i <= md.getColumnCount(); i++) {
                result.add(JdbcColumn.of(dialect, connection, md, i, source));
            }
            for (int i = 0; i < result.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (result.get(i).name.equalsIgnoreCase(result.get(j).name)) {
                        throw refused(
                                spec.table() != null ? "jdbc.table" : "jdbc.query",
                                "the column name '" + result.get(i).name
                                        + "' appears twice in the result; give the columns distinct names");
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("42")) {
                // Syntax error or undefined table/column: the configuration is at fault, not the database.
                throw refused(
                        spec.table() != null ? "jdbc.table" : "jdbc.query",
                        (spec.table() != null ? "table " + spec.table() : "the query") + " cannot be read: "
                                + message(e) + ". Nothing was read.");
            }
            throw e;
        }
    }

    private List<String> resolveKey() throws SQLException {
        if (!spec.key().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (String k : spec.key()) {
                names.add(column(k, "jdbc.key").name);
            }
            return names;
        }
        if (spec.table() == null) {
            return List.of();
        }
        return primaryKey();
    }

    /** The table's primary key columns in key order, from the database's metadata; empty when none. */
    private List<String> primaryKey() throws SQLException {
        String[] parts = spec.table().strip().split("\\.");
        String table = unquote(parts[parts.length - 1]);
        String schemaName = parts.length >= 2 ? unquote(parts[parts.length - 2]) : null;
        DatabaseMetaData meta = connection.getMetaData();
        String catalog;
        String schemaPattern;
        if (dialect == JdbcDialect.MARIADB) {
            catalog = schemaName != null ? schemaName : connection.getCatalog();
            schemaPattern = null;
        } else {
            catalog = null;
            schemaPattern = schemaName != null ? schemaName : connection.getSchema();
        }
        for (String candidate : List.of(table, table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT))) {
            List<String[]> found = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(catalog, schemaPattern, candidate)) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString("COLUMN_NAME"), String.valueOf(rs.getShort("KEY_SEQ"))});
                }
            }
            if (!found.isEmpty()) {
                found.sort((a, b) -> Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1])));
                List<String> names = new ArrayList<>();
                for (String[] f : found) {
                    names.add(column(f[0], "key").name);
                }
                return names;
            }
        }
        return List.of();
    }

    private static String unquote(String identifier) {
        String s = identifier.strip();
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("`") && s.endsWith("`"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Cursor columns then the key columns not among them; the key alone for a full snapshot. */
    private List<JdbcColumn> orderColumns(List<JdbcColumn> cursor) {
        String where = spec.table() != null ? "table " + spec.table() : "the query";
        if (key.isEmpty() && spec.keyRequired()) {
            throw refused(
                    "key",
                    where + " has no primary key and no key is given; an upsert needs the columns that identify"
                            + " a row: give key: [column, ...]. Nothing was read.");
        }
        List<JdbcColumn> result = new ArrayList<>(cursor);
        for (String k : key) {
            JdbcColumn col = column(k, "key");
            if (result.stream().noneMatch(c -> c.name.equals(col.name))) {
                if (!col.kind.cursorCapable()) {
                    throw refused(
                            "jdbc.key",
                            "key column '" + col.name + "' has type " + col.databaseType + ", which cannot order rows");
                }
                result.add(col);
            }
        }
        if (result.isEmpty()) {
            throw refused(
                    "jdbc.cursor",
                    "without a cursor the poller reads a full snapshot in pages over the primary key, and " + where
                            + " has none: give jdbc.cursor (e.g. [updated_at, id]) or jdbc.key. Nothing was read.");
        }
        return List.copyOf(result);
    }

    /**
     * Keyset pages are cheap only when an index starts with the order columns; without one every
     * page sorts the rest of the table. Logged once per open, not refused: the result is the same.
     */
    private void warnWithoutIndex() throws SQLException {
        if (spec.table() == null) {
            return;
        }
        String[] parts = spec.table().strip().split("\\.");
        String table = unquote(parts[parts.length - 1]);
        String schemaName = parts.length >= 2 ? unquote(parts[parts.length - 2]) : null;
        String catalog =
                dialect == JdbcDialect.MARIADB ? (schemaName != null ? schemaName : connection.getCatalog()) : null;
        String schemaPattern =
                dialect == JdbcDialect.MARIADB ? null : (schemaName != null ? schemaName : connection.getSchema());
        Map<String, java.util.TreeMap<Integer, String>> indexes = new java.util.HashMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(catalog, schemaPattern, table, false, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index != null && column != null) {
                    indexes.computeIfAbsent(index, k -> new java.util.TreeMap<>())
                            .put((int) rs.getShort("ORDINAL_POSITION"), column);
                }
            }
        }
        List<String> wanted =
                order.stream().map(c -> c.name.toLowerCase(Locale.ROOT)).toList();
        for (var columns : indexes.values()) {
            List<String> leading = columns.values().stream()
                    .map(c -> c.toLowerCase(Locale.ROOT))
                    .limit(wanted.size())
                    .toList();
            if (leading.equals(wanted)) {
                return;
            }
        }
        LOG.warn(
                "{}: no index of table {} starts with {}; every page sorts the rest of the table."
                        + " Create one, e.g. CREATE INDEX ON {} ({})",
                spec.pipeline() == null ? "database poller" : "pipeline " + spec.pipeline(),
                spec.table(),
                order.stream().map(c -> c.name).toList(),
                spec.table(),
                order.stream().map(c -> c.name).collect(Collectors.joining(", ")));
    }

    /** A cursor column with NULLs would silently hide those rows from every poll: refuse instead. */
    private void refuseNullCursorValues() throws SQLException {
        for (JdbcColumn c : order) {
            if (!c.nullable) {
                continue;
            }
            String sql = "SELECT 1 FROM " + from + " WHERE " + qualified(c) + " IS NULL" + dialect.limit(1);
            try (PreparedStatement s = connection.prepareStatement(sql);
                    ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    boolean inCursor = spec.cursor().stream().anyMatch(n -> n.equalsIgnoreCase(c.name));
                    throw refused(
                            inCursor ? "jdbc.cursor" : "key",
                            "column '" + c.name + "' is NULL in some rows of "
                                    + (spec.table() != null ? "table " + spec.table() : "the query")
                                    + "; rows are read in the order of "
                                    + order.stream().map(o -> o.name).toList()
                                    + " and a NULL has no place in it, so they would never be read. Make the"
                                    + " column NOT NULL (or fill it), or order by other columns. Nothing was read.");
                }
            }
        }
    }

    private void resume(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw refused(
                    "jdbc.cursor", "the committed position " + spec.positionKey() + " is not JSON; nothing was read");
        }
        JsonNode entries = root.path("cursor");
        List<String> committed = new ArrayList<>();
        entries.forEach(e -> committed.add(e.path("column").asText()));
        List<String> now = order.stream().map(c -> c.name).toList();
        if (!committed.equals(now)) {
            throw refused(
                    "jdbc.cursor",
                    "the committed position (" + spec.positionKey() + ") orders by " + committed
                            + " but the pipeline now orders by " + now + "; the rows already read cannot be told"
                            + " apart from the new ones. Restore the cursor, or write into a new dataset. Nothing"
                            + " was read.");
        }
        Object[] values = new Object[order.size()];
        for (int i = 0; i < order.size(); i++) {
            try {
                values[i] = order.get(i).fromJson(entries.get(i).path("value"));
            } catch (IllegalArgumentException e) {
                throw refused(
                        "jdbc.cursor",
                        "the committed position (" + spec.positionKey() + ") holds for column '" + order.get(i).name
                                + "' a value that is not a " + order.get(i).databaseType
                                + " (did the column's type change?). Nothing was read.");
            }
        }
        last = values;
    }

    private JdbcColumn column(String name, String configKey) {
        for (JdbcColumn c : columns) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        List<JdbcColumn> folded =
                columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).toList();
        if (folded.size() == 1) {
            return folded.get(0);
        }
        throw refused(
                configKey,
                "column '" + name + "' does not exist in "
                        + (spec.table() != null ? "table " + spec.table() : "the query's result") + " (its columns: "
                        + columns.stream().map(c -> c.name).collect(Collectors.joining(", ")) + "). Nothing was read.");
    }

    private String qualified(JdbcColumn c) {
        return dialect.quote(c.name);
    }

    @Override
    public LakeSchema schema() {
        if (schema == null) {
            throw new IllegalStateException("open() first");
        }
        return schema;
    }

    /**
     * Writes columns in these types: each the declared one, or BIGINT, DOUBLE or DECIMAL for an
     * integer column, DOUBLE or a wider DECIMAL for a decimal one, JSON for a list, STRING for any
     * column but a binary or list one (its text in the database).
     */
    @Override
    public void readAs(LakeSchema target) {
        if (target.size() != columns.size()) {
            throw new IllegalArgumentException(
                    "readAs: " + target.size() + " columns, the source has " + columns.size());
        }
        List<LakeField> fields = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            JdbcColumn c = columns.get(i);
            LakeField t = target.fields().get(i);
            if (!t.name().equals(c.name)) {
                throw new IllegalArgumentException(
                        "readAs: column " + (i + 1) + " is '" + t.name() + "', the source's is '" + c.name + "'");
            }
            c.writeAs(t);
            fields.add(t.withNullable(true));
        }
        schema = new LakeSchema(fields);
        copyPlanned = false;
    }

    @Override
    public boolean next(VectorSchemaRoot batch) {
        if (!copyPlanned) {
            copyColumns = planCopy();
            copyPlanned = true;
        }
        List<FieldVector> vectors = batch.getFieldVectors();
        for (FieldVector v : vectors) {
            if (v.getValueCapacity() < spec.batchRows()) {
                v.setInitialCapacity(spec.batchRows());
                v.allocateNew();
            } else {
                v.reset();
            }
        }
        int n;
        try {
            n = copyColumns != null ? nextByCopy(vectors) : nextByResultSet(vectors);
        } catch (SQLException e) {
            throw failed("failed while reading", e);
        }
        for (FieldVector v : vectors) {
            v.setValueCount(n);
        }
        batch.setRowCount(n);
        rowsRead += n;
        return n > 0;
    }

    private int nextByResultSet(List<FieldVector> vectors) throws SQLException {
        int n = 0;
        while (n < spec.batchRows()) {
            if (rows == null) {
                if (exhausted) {
                    break;
                }
                openPage();
            }
            if (!rows.next()) {
                closePage();
                if (rowsInPage < spec.pageSize()) {
                    exhausted = true;
                }
                continue;
            }
            for (int i = 0; i < columns.size(); i++) {
                columns.get(i).write(rows, vectors.get(i), n);
            }
            Object[] values = new Object[order.size()];
            for (int i = 0; i < order.size(); i++) {
                values[i] = order.get(i).cursorValue(rows);
            }
            last = values;
            rowsInPage++;
            n++;
        }
        return n;
    }

    /**
     * PostgreSQL: each keyset page is one {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} decoded
     * straight into the vectors; the position after a page is the last row's cursor values, kept by
     * the decoder from the bytes it read.
     */
    private int nextByCopy(List<FieldVector> vectors) throws SQLException {
        int n = 0;
        try {
            while (n < spec.batchRows()) {
                if (decoder == null) {
                    if (exhausted) {
                        break;
                    }
                    openCopyPage();
                }
                int got = decoder.append(vectors, n, spec.batchRows() - n);
                if (got > 0) {
                    n += got;
                    rowsInPage += got;
                    Object[] values = new Object[order.size()];
                    for (int i = 0; i < order.size(); i++) {
                        values[i] = decoder.keptValue(order.get(i).index - 1);
                    }
                    last = values;
                    continue;
                }
                closeCopyPage();
                if (rowsInPage < spec.pageSize() || spec.cursor().isEmpty()) {
                    exhausted = true;
                }
            }
        } catch (java.io.UncheckedIOException e) {
            SQLException sql = sqlCause(e);
            if (sql != null) {
                throw sql;
            }
            throw new JdbcSourceException(
                    (spec.pipeline() == null ? "" : "pipeline " + spec.pipeline() + ": ") + e.getMessage(), e);
        }
        return n;
    }

    /** Whether pages are read by binary COPY (PostgreSQL, every column deliverable that way); known after the first batch. */
    boolean readsByCopy() {
        return copyColumns != null;
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /**
     * The COPY form of the columns, or {@code null} when a column is not one PostgreSQL's binary COPY
     * can deliver the way the JDBC path does (then every page is read through JDBC).
     */
    private List<PgBinaryCopyDecoder.Column> planCopy() {
        if (dialect != JdbcDialect.POSTGRESQL) {
            return null;
        }
        List<PgBinaryCopyDecoder.Column> result = new ArrayList<>();
        for (JdbcColumn c : columns) {
            Optional<PgWire> wire = c.copyWire();
            if (wire.isEmpty()) {
                LOG.debug(
                        "{}: column '{}' ({}) is read through JDBC, not COPY", spec.describe(), c.name, c.databaseType);
                return null;
            }
            result.add(new PgBinaryCopyDecoder.Column(c.name, wire.get()));
        }
        return List.copyOf(result);
    }

    private void openCopyPage() throws SQLException {
        String select = columns.stream().map(JdbcColumn::copySelect).collect(Collectors.joining(", "));
        // A full snapshot has no position to resume from: one COPY of the whole table (a sequential
        // scan, no sort, one consistent snapshot) instead of pages. Incremental reads page by the cursor.
        String query = spec.cursor().isEmpty() ? "SELECT " + select + " FROM " + from : pageQuery(select, true);
        String sql = "COPY (" + query + ") TO STDOUT (FORMAT binary)";
        copyIn = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql);
        int[] keep = order.stream().mapToInt(c -> c.index - 1).toArray();
        decoder = new PgBinaryCopyDecoder(copyIn, copyColumns, spec.describe())
                .keep(keep)
                .decimalFit((column, exact) -> columns.get(column).fit(exact));
        rowsInPage = 0;
    }

    private void closeCopyPage() throws SQLException {
        try {
            if (copyIn != null) {
                if (decoder != null && decoder.ended()) {
                    // Read the copy's end, so closing does not cancel a finished COPY.
                    while (copyIn.read() >= 0) {
                        // nothing follows the trailer
                    }
                }
                copyIn.close();
            }
        } catch (java.io.IOException e) {
            SQLException sql = sqlCause(e);
            throw sql != null ? sql : new SQLException(e.getMessage(), "08000", e);
        } finally {
            copyIn = null;
            decoder = null;
        }
        dialect.endRead(connection);
    }

    /**
     * One keyset page: {@code SELECT <select> FROM <from> WHERE (order) > (last) [AND c1 < bound]
     * ORDER BY order LIMIT page}, with the values as {@code ?} (JDBC) or as typed literals (COPY,
     * which takes no parameters; see {@link PgLiterals}).
     */
    private String pageQuery(String select, boolean literals) {
        StringBuilder sql =
                new StringBuilder("SELECT ").append(select).append(" FROM ").append(from);
        List<String> conditions = new ArrayList<>();
        String orderList = order.stream().map(this::qualified).collect(Collectors.joining(", "));
        if (last != null) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                values.add(literals ? order.get(i).literal(last[i]) : "?");
            }
            conditions.add("(" + orderList + ") > (" + String.join(", ", values) + ")");
        }
        if (upperBound != null) {
            conditions.add(
                    qualified(order.get(0)) + " < " + (literals ? order.get(0).literal(upperBound) : "?"));
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        return sql.append(" ORDER BY ")
                .append(orderList)
                .append(dialect.limit(spec.pageSize()))
                .toString();
    }

    private void openPage() throws SQLException {
        List<Object> params = new ArrayList<>();
        if (last != null) {
            params.addAll(java.util.Arrays.asList(last));
        }
        if (upperBound != null) {
            params.add(upperBound);
        }
        page = connection.prepareStatement(
                pageQuery("*", false), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        page.setFetchSize(Math.min(spec.fetchSize(), spec.pageSize()));
        for (int i = 0; i < params.size(); i++) {
            page.setObject(i + 1, params.get(i));
        }
        rows = page.executeQuery();
        rowsInPage = 0;
    }

    private void closePage() throws SQLException {
        try {
            if (rows != null) {
                rows.close();
            }
            if (page != null) {
                page.close();
            }
        } finally {
            rows = null;
            page = null;
        }
        dialect.endRead(connection);
    }

    @Override
    public int batchRows() {
        return spec.batchRows();
    }

    @Override
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * The cursor of the last row read as {@code position.jdbc.<pipeline>}; the committed position
     * when nothing was read; empty for a full snapshot (nothing to resume from: every poll reads the
     * whole table).
     */
    @Override
    public Map<String, String> position() {
        if (spec.cursor().isEmpty()) {
            return Map.of();
        }
        if (rowsRead == 0 || last == null) {
            return startPosition.map(p -> Map.of(spec.positionKey(), p)).orElse(Map.of());
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cursor = root.putArray("cursor");
        for (int i = 0; i < order.size(); i++) {
            JdbcColumn c = order.get(i);
            cursor.addObject().put("column", c.name).put("type", c.databaseType).set("value", c.toJson(last[i]));
        }
        return Map.of(spec.positionKey(), root.toString());
    }

    /** The key columns as the source names them (given or from the primary key); empty when none. */
    public List<String> key() {
        return key == null ? List.of() : key;
    }

    /** The soft-delete column as the source names it (a boolean, true when deleted), if one is configured. */
    public Optional<String> deletedColumn() {
        return deleted == null ? Optional.empty() : Optional.of(deleted.name);
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            try {
                try {
                    closeCopyIfOpen();
                } finally {
                    closePage();
                }
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            // Reading is over (or failed already); the driver's cleanup failure changes nothing for the data.
            LOG.warn("Closing the connection to {} failed: {}", spec.describe(), message(e));
        } finally {
            connection = null;
            rows = null;
            page = null;
            copyIn = null;
            decoder = null;
        }
    }

    /** A COPY left in the middle (a failure, or the caller stopped reading) is cancelled by closing its stream. */
    private void closeCopyIfOpen() {
        if (copyIn == null) {
            return;
        }
        try {
            copyIn.close();
        } catch (java.io.IOException e) {
            LOG.warn("Cancelling the COPY from {} failed: {}", spec.describe(), e.getMessage());
        } finally {
            copyIn = null;
            decoder = null;
        }
    }

    private JdbcSourceRefusedException refused(String key, String message) {
        String where = spec.pipeline() == null ? "" : "pipeline " + spec.pipeline() + ": ";
        return new JdbcSourceRefusedException(key, where + message);
    }

    private JdbcSourceException failed(String what, SQLException e) {
        String where = spec.pipeline() == null ? "" : "pipeline " + spec.pipeline() + ": ";
        // The driver's exception is kept for the log as its state, code, message (password removed) and stack.
        SQLException cause = new SQLException(message(e), e.getSQLState(), e.getErrorCode());
        cause.setStackTrace(e.getStackTrace());
        return new JdbcSourceException(
                where + "the database " + spec.describe() + " " + what + ": " + message(e)
                        + ". Nothing was written; the committed position is unchanged, so the next run reads"
                        + " these rows again.",
                cause);
    }

    /** The driver's message without the password or URL credentials. */
    private String message(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (spec.password() != null && !spec.password().isEmpty()) {
            m = m.replace(spec.password(), "***");
        }
        return Redaction.redactUri(m.strip());
    }
}

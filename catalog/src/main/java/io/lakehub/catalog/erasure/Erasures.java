package io.lakehub.catalog.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.commit.DataFile;
import io.lakehub.catalog.commit.DatasetInfo;
import io.lakehub.catalog.query.MergeOnRead;
import io.lakehub.catalog.schema.LakeField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out erasures (ADR 0031): {@link #request} records one (rows invisible at once), {@link
 * #finish} rewrites every file that still holds its rows, old snapshots and companions included, and
 * marks it erased; {@link #finishUnfinished} resumes what a crash interrupted. The rewrite is
 * idempotent: a file is rewritten in place (temp file, fsync, atomic rename over the old one), so a
 * file rewritten before a crash holds no matching row any more and is skipped the next time. Files
 * keep their paths, so every snapshot that references a file still finds it, without the erased rows.
 * Thread-safe; never logs a value.
 */
public final class Erasures {
    private static final Logger log = LoggerFactory.getLogger(Erasures.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** At most this many values per request. */
    public static final int MAX_VALUES = 10_000;

    /** How often {@link #finish} rewrites files committed while it ran before giving up for now. */
    private static final int MAX_ROUNDS = 20;

    /** Called just before a rewritten file replaces the old one; tests inject a crash here. */
    @FunctionalInterface
    public interface RewriteHook {
        RewriteHook NONE = file -> {};

        void beforeReplace(Path file) throws IOException;
    }

    private final Catalog catalog;
    private final ValueHasher hasher;
    private final List<ErasureListener> listeners;
    private volatile RewriteHook hook = RewriteHook.NONE;

    /**
     * @param hasher the keyed hash of values, or null when no key is configured (requests are refused)
     * @param listeners stores outside the lake's files that must forget erased rows (see {@link ErasureListener})
     */
    public Erasures(Catalog catalog, ValueHasher hasher, List<ErasureListener> listeners) {
        this.catalog = catalog;
        this.hasher = hasher;
        this.listeners = List.copyOf(listeners);
    }

    /** For tests: a hook run before each rewritten file replaces the old one. */
    public Erasures withRewriteHook(RewriteHook hook) {
        this.hook = hook == null ? RewriteHook.NONE : hook;
        return this;
    }

    /**
     * The catalog's ledger, asked for on each use: a catalog without one (a test double) fails only
     * when an erasure is used.
     */
    public ErasureLedger ledger() {
        return catalog.erasures();
    }

    /**
     * Records an erasure: from the moment this returns, no query shows a row of {@code dataset}
     * whose {@code keyColumn} holds one of {@code values}, nor a row of its companions ({@code
     * <dataset>__*}) that holds one (see {@link ErasureMatch}). The files are rewritten by {@link
     * #finish}.
     *
     * @throws ErasureRefusedException when the dataset, column, values or reason are unusable, or no
     *     hash key is configured (nothing is recorded)
     */
    public Erasure request(DatasetName dataset, String keyColumn, List<String> values, String reason, String actor) {
        if (hasher == null) {
            throw new ErasureRefusedException(new ValueHasher.MissingHashKeyException().getMessage());
        }
        DatasetInfo info = catalog.dataset(dataset)
                .orElseThrow(() -> new ErasureRefusedException("There is no dataset '" + dataset + "' to erase from."));
        if (keyColumn == null || keyColumn.isBlank()) {
            throw new ErasureRefusedException(
                    "No key column given: name the column whose values identify the rows to erase (key_column).");
        }
        String column = null;
        List<String> names = new ArrayList<>();
        for (LakeField f : info.schema().fields()) {
            names.add(f.name());
            if (f.name().equalsIgnoreCase(keyColumn)) {
                column = f.name();
            }
        }
        if (column == null) {
            throw new ErasureRefusedException("Dataset '" + dataset + "' has no column '" + keyColumn
                    + "' to erase by; its columns are " + names + ".");
        }
        if (values == null || values.isEmpty()) {
            throw new ErasureRefusedException("No values given: list the " + column + " values whose rows to erase.");
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            if (v == null || v.isEmpty()) {
                throw new ErasureRefusedException("Value number " + (i + 1) + " is empty; every value must be the"
                        + " text of a " + column + " value.");
            }
            distinct.add(v);
        }
        if (distinct.size() > MAX_VALUES) {
            throw new ErasureRefusedException("An erasure takes at most " + MAX_VALUES + " values; this one has "
                    + distinct.size() + ". Split it into several requests.");
        }
        if (reason != null && reason.length() > 1000) {
            throw new ErasureRefusedException("The reason is " + reason.length() + " characters long; at most 1000.");
        }
        List<String> list = List.copyOf(distinct);
        List<String> hmacs = list.stream().map(hasher::hash).toList();
        // No scan here: the transaction alone makes the rows invisible; the rewrite counts them.
        Erasure erasure = ledger().record(dataset, column, list, hmacs, reason, actor, covered(dataset));
        log.info(
                "Erasure {} on dataset {} recorded: {} value(s) of column {}; its rows are hidden from queries",
                erasure.id(),
                dataset,
                list.size(),
                column);
        return erasure;
    }

    /** The dataset and its companions ({@code <dataset>__*}) the catalog knows now. */
    List<String> covered(DatasetName dataset) {
        List<String> names = new ArrayList<>();
        names.add(dataset.value());
        for (DatasetInfo d : catalog.datasets()) {
            if (d.name().startsWith(dataset.value() + "__")) {
                names.add(d.name());
            }
        }
        return names;
    }

    /** Rows a query of {@code dataset} shows now that the erasure would hide. */
    private long visibleMatches(Connection duck, DatasetName dataset, PendingErasure e) throws SQLException {
        Optional<DatasetInfo> info = catalog.dataset(dataset);
        if (info.isEmpty()) {
            return 0;
        }
        List<DataFile> live = catalog.liveFiles(dataset);
        List<String> data = new ArrayList<>();
        for (DataFile f : live) {
            if (!f.isDeleteMarkers()) {
                data.add(catalog.lakeRoot().resolve(f.relativePath()).toString());
            }
        }
        if (data.isEmpty()) {
            return 0;
        }
        String relation = info.get().isUpsert()
                ? MergeOnRead.visibleRows(catalog.lakeRoot(), info.get().key(), live, hasDeletedColumn(duck, data))
                        .map(q -> "(" + q + ")")
                        .orElse(null)
                : MergeOnRead.readParquet(data);
        if (relation == null) {
            return 0;
        }
        List<ErasureMatch.Column> columns = new ArrayList<>();
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + relation + " AS t")) {
            while (rs.next()) {
                columns.add(new ErasureMatch.Column(rs.getString("column_name")));
            }
        }
        List<ErasureMatch.Column> schemaColumns = columns.stream()
                .filter(c -> info.get().schema().fields().stream()
                        .anyMatch(f -> f.name().equalsIgnoreCase(c.name())))
                .toList();
        Optional<String> match = ErasureMatch.predicate("t", schemaColumns, e, dataset.value());
        if (match.isEmpty()) {
            return 0;
        }
        return DuckFiles.count(duck, "SELECT count(*) FROM " + relation + " AS t WHERE " + match.get());
    }

    private static boolean hasDeletedColumn(Connection duck, List<String> data) throws SQLException {
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + MergeOnRead.readParquet(data))) {
            while (rs.next()) {
                if ("_lakehub_deleted".equalsIgnoreCase(rs.getString("column_name"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Finishes every erasure not yet erased (a hub's start-up: what a crash interrupted). */
    public List<Erasure> finishUnfinished() {
        List<Erasure> done = new ArrayList<>();
        List<Erasure> unfinished;
        try {
            unfinished = ledger().unfinished();
        } catch (UnsupportedOperationException noLedger) {
            // A catalog that records no erasures has none to finish.
            return done;
        }
        for (Erasure e : unfinished) {
            try {
                done.add(finish(e.id()));
            } catch (RuntimeException ex) {
                // Logged without values; the erasure stays invisible and is tried again at the next start or request.
                log.warn(
                        "Erasure {} on dataset {} is not finished: its rows stay hidden from queries but some files"
                                + " still hold them; it is retried at the next start ({})",
                        e.id(),
                        e.dataset(),
                        ex.toString());
            }
        }
        return done;
    }

    /**
     * Rewrites every file of the erasure's datasets that still holds its rows and marks it erased.
     * Idempotent and resumable. A failure is recorded ({@link Erasure#lastError()}) and thrown; the
     * rows stay invisible.
     */
    public Erasure finish(long erasureId) {
        Erasure e = ledger().find(erasureId)
                .orElseThrow(() -> new ErasureRefusedException("There is no erasure " + erasureId + "."));
        if (e.state() == ErasureState.ERASED) {
            return e;
        }
        try {
            PendingErasure pending = new PendingErasure(e.id(), e.dataset(), e.keyColumn(), ledger().values(e.id()));
            for (ErasureListener l : listeners) {
                l.erase(e, pending.values());
            }
            Set<Long> done = new HashSet<>();
            try (Connection duck = DuckFiles.open()) {
                if (e.rowsHidden() == null) {
                    // Before any file changes: what the views hide now is what the request hid.
                    Map<String, Long> hidden = new LinkedHashMap<>();
                    for (String name : e.datasets()) {
                        hidden.put(name, visibleMatches(duck, DatasetName.of(name), pending));
                    }
                    ledger().counted(e.id(), hidden);
                }
                for (int round = 0; round < MAX_ROUNDS; round++) {
                    long last = 0;
                    for (ErasureLedger.KnownFile f : ledger().files(e.datasets())) {
                        last = Math.max(last, f.id());
                        if (done.add(f.id())) {
                            rewrite(duck, e, pending, f);
                        }
                    }
                    if (ledger().finish(e.id(), last)) {
                        Erasure finished = ledger().find(e.id()).orElseThrow();
                        log.info(
                                "Erasure {} on dataset {} finished: {} row(s) removed from {} file(s)",
                                finished.id(),
                                finished.dataset(),
                                finished.rowsRemoved(),
                                finished.filesRewritten());
                        return finished;
                    }
                }
            }
            throw new ErasureRefusedException("Erasure " + e.id() + " could not finish: files kept being committed to"
                    + " dataset '" + e.dataset() + "' while it ran (" + MAX_ROUNDS + " rounds). The rows stay"
                    + " hidden; it is retried at the next start or request.");
        } catch (SQLException ex) {
            String message = "Rewriting the files of erasure " + e.id() + " failed (DuckDB: " + firstLine(ex)
                    + "). The rows stay hidden from queries; the rewrite resumes at the next start.";
            recordFailure(e.id(), message);
            throw new ErasureRefusedException(message, ex);
        } catch (IOException ex) {
            String message = "Rewriting the files of erasure " + e.id() + " failed ("
                    + ex.getClass().getSimpleName()
                    + " on " + ex.getMessage() + "). The rows stay hidden from queries; the rewrite resumes at the"
                    + " next start.";
            recordFailure(e.id(), message);
            throw new UncheckedIOException(message, ex);
        } catch (RuntimeException ex) {
            recordFailure(
                    e.id(),
                    "Rewriting the files of erasure " + e.id() + " stopped ("
                            + ex.getClass().getSimpleName()
                            + "). The rows stay hidden from queries; the rewrite resumes at the next start.");
            throw ex;
        }
    }

    private void recordFailure(long id, String message) {
        try {
            ledger().failed(id, message);
        } catch (RuntimeException again) {
            log.warn("Could not record why erasure {} stopped", id, again);
        }
    }

    /**
     * Removes the erasure's rows from one file, in place. Nothing to do when the file is gone or holds
     * none of them and its recorded statistics do not quote a value.
     */
    private void rewrite(Connection duck, Erasure e, PendingErasure pending, ErasureLedger.KnownFile f)
            throws SQLException, IOException {
        Path file = catalog.lakeRoot().resolve(f.relativePath()).normalize();
        if (!file.startsWith(catalog.lakeRoot().normalize()) || !Files.isRegularFile(file)) {
            return;
        }
        List<String[]> columns = DuckFiles.columns(duck, file);
        Optional<String> match = ErasureMatch.predicate("t", DuckFiles.matchColumns(columns), pending, f.dataset());
        if (match.isEmpty()) {
            return;
        }
        String read = DuckFiles.read(file);
        long matching = DuckFiles.count(duck, "SELECT count(*) FROM " + read + " AS t WHERE " + match.get());
        boolean statsQuote = quotesAny(f.statsJson(), pending.values());
        if (matching == 0 && !statsQuote) {
            return;
        }
        if (matching > 0) {
            Path temp = file.resolveSibling(".tmp-erasure-" + e.id() + "-" + file.getFileName());
            Files.deleteIfExists(temp);
            try (Statement st = duck.createStatement()) {
                st.execute("COPY (SELECT * FROM " + read + " AS t WHERE NOT " + match.get() + ") TO "
                        + ErasureMatch.literal(temp.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            }
            DuckFiles.fsync(temp, false);
            hook.beforeReplace(file);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DuckFiles.fsync(file.getParent(), true);
            if (f.expired()) {
                // Deleted after its removal while this ran: it must stay deleted.
                Files.deleteIfExists(file);
                return;
            }
        }
        long[] rows = new long[1];
        String stats = stats(duck, file, columns, f.statsJson(), pending.values(), matching > 0, rows);
        ledger().rewritten(e.id(), f.id(), rows[0], Files.size(file), stats, matching);
    }

    /**
     * The file's recorded statistics with null counts recounted, and min/max recomputed (in DuckDB's
     * text form) for every column when rows were removed (a removed row's other columns may have been
     * the bounds), else only where they quote an erased value. One scan of the file, which also
     * counts its rows into {@code rows[0]}.
     */
    private static String stats(
            Connection duck,
            Path file,
            List<String[]> columns,
            String old,
            List<String> values,
            boolean removed,
            long[] rows)
            throws SQLException, IOException {
        JsonNode recorded = JSON.readTree(old == null || old.isBlank() ? "[]" : old);
        StringBuilder select = new StringBuilder("SELECT count(*)");
        List<ObjectNode> copies = new ArrayList<>();
        List<int[]> positions = new ArrayList<>();
        int next = 2;
        for (JsonNode entry : recorded) {
            String name = entry.path("column").asText();
            String[] column = columns.stream()
                    .filter(c -> c[0].equalsIgnoreCase(name))
                    .findFirst()
                    .orElse(null);
            ObjectNode copy = entry.deepCopy();
            copies.add(copy);
            if (column == null) {
                positions.add(null);
                continue;
            }
            String id = ErasureMatch.identifier(column[0]);
            boolean bounded = !entry.path("min").isNull() || !entry.path("max").isNull();
            boolean ordered = (removed && bounded)
                    || quotesAny(entry.path("min").asText(null), values)
                    || quotesAny(entry.path("max").asText(null), values);
            select.append(", count(*) - count(").append(id).append(')');
            if (ordered) {
                select.append(", CAST(min(")
                        .append(id)
                        .append(") AS VARCHAR), CAST(max(")
                        .append(id)
                        .append(") AS VARCHAR)");
            }
            positions.add(new int[] {next, ordered ? 1 : 0});
            next += ordered ? 3 : 1;
        }
        try (Statement st = duck.createStatement();
                ResultSet rs = st.executeQuery(select + " FROM " + DuckFiles.read(file))) {
            rs.next();
            rows[0] = rs.getLong(1);
            for (int i = 0; i < copies.size(); i++) {
                int[] at = positions.get(i);
                if (at == null) {
                    continue;
                }
                copies.get(i).put("null_count", rs.getLong(at[0]));
                if (at[1] == 1) {
                    copies.get(i).put("min", rs.getString(at[0] + 1));
                    copies.get(i).put("max", rs.getString(at[0] + 2));
                }
            }
        }
        ArrayNode out = JSON.createArrayNode();
        copies.forEach(out::add);
        return JSON.writeValueAsString(out);
    }

    static boolean quotesAny(String text, List<String> values) {
        if (text == null) {
            return false;
        }
        for (String v : values) {
            if (text.contains(v) || text.contains(jsonEscaped(v))) {
                return true;
            }
        }
        return false;
    }

    static String jsonEscaped(String value) {
        try {
            String quoted = JSON.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).toLowerCase(Locale.ROOT).contains("conversion")
                ? "a value could not be converted"
                : (nl < 0 ? m : m.substring(0, nl));
    }
}

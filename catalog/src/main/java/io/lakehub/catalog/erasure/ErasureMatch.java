package io.lakehub.catalog.erasure;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which rows an erasure removes, as one DuckDB boolean expression, shared by the views (which hide
 * the rows until the rewrite) and the rewrite (which removes them), so the two never disagree:
 *
 * <ul>
 *   <li>a relation with the key column (the dataset itself, a companion with the same column, the
 *       delete-marker files of an upsert dataset keyed on it): the column's text ({@code CAST(... AS
 *       VARCHAR)}) equals one of the values;
 *   <li>a companion without it ({@code <dataset>__rejects}, whose rows keep the raw line as read):
 *       any column's text contains one of the values.
 * </ul>
 */
public final class ErasureMatch {

    private ErasureMatch() {}

    /**
     * A column of the relation.
     *
     * @param name as the relation spells it
     */
    public record Column(String name) {}

    /**
     * The expression, true exactly for the rows to remove (never NULL), or empty when no row of this
     * relation can match (it has neither the key column nor, being a companion, any column).
     *
     * @param alias the relation's alias in the query
     * @param columns the relation's columns
     * @param relationDataset the dataset the relation belongs to
     */
    public static Optional<String> predicate(
            String alias, List<Column> columns, PendingErasure erasure, String relationDataset) {
        if (erasure.values().isEmpty()) {
            return Optional.empty();
        }
        String key = erasure.keyColumn().toLowerCase(Locale.ROOT);
        for (Column c : columns) {
            if (c.name().toLowerCase(Locale.ROOT).equals(key)) {
                StringJoiner in = new StringJoiner(", ", "(", ")");
                erasure.values().forEach(v -> in.add(literal(v)));
                return Optional.of(
                        "COALESCE(CAST(" + alias + "." + identifier(c.name()) + " AS VARCHAR) IN " + in + ", false)");
            }
        }
        if (erasure.isOwnDataset(relationDataset) || columns.isEmpty()) {
            return Optional.empty();
        }
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        for (Column c : columns) {
            String text = "CAST(" + alias + "." + identifier(c.name()) + " AS VARCHAR)";
            for (String v : erasure.values()) {
                any.add("contains(" + text + ", " + literal(v) + ")");
            }
        }
        return Optional.of("COALESCE(" + any + ", false)");
    }

    /**
     * The condition keeping the rows none of {@code erasures} removes, or empty when they remove none.
     */
    public static Optional<String> keep(
            String alias, List<Column> columns, List<PendingErasure> erasures, String relationDataset) {
        StringJoiner keep = new StringJoiner(" AND ");
        for (PendingErasure e : erasures) {
            if (!e.covers(relationDataset)) {
                continue;
            }
            Optional<String> keyColumn = keyColumn(columns, e);
            if (keyColumn.isPresent() && !e.values().isEmpty()) {
                // The same rows as NOT predicate, in the form DuckDB evaluates fastest (no COALESCE).
                StringJoiner in = new StringJoiner(", ", "(", ")");
                e.values().forEach(v -> in.add(literal(v)));
                String col = alias + "." + identifier(keyColumn.get());
                keep.add("(" + col + " IS NULL OR CAST(" + col + " AS VARCHAR) NOT IN " + in + ")");
            } else {
                predicate(alias, columns, e, relationDataset).ifPresent(p -> keep.add("NOT " + p));
            }
        }
        return keep.length() == 0 ? Optional.empty() : Optional.of(keep.toString());
    }

    private static Optional<String> keyColumn(List<Column> columns, PendingErasure erasure) {
        String key = erasure.keyColumn().toLowerCase(Locale.ROOT);
        return columns.stream()
                .map(Column::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).equals(key))
                .findFirst();
    }

    /** A double-quoted DuckDB identifier. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** A single-quoted DuckDB string literal. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}

package io.lakehub.catalog.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks the parse tree {@code json_serialize_sql} gives for an admitted query and collects the
 * {@link SqlReferences}. A star, a positional reference or a {@code NATURAL JOIN} in a SELECT
 * applies to the tables of that SELECT's own {@code FROM} (subqueries are SELECTs of their own and
 * are checked by name); a column reference naming a table or alias (the row as a struct) reads the
 * whole table.
 */
final class ReferenceFinder {

    private final Set<String> tables = new HashSet<>();
    private final Set<String> columns = new HashSet<>();
    private final Map<String, Set<String>> whole = new HashMap<>();
    private final Set<String> functions = new HashSet<>();
    /** Table name or alias to the table names it stands for. */
    private final Map<String, Set<String>> names = new HashMap<>();
    /** Last parts of column references, resolved against table names and aliases at the end. */
    private final Set<String> bareReferences = new HashSet<>();

    private boolean sawNonDescribe;

    private ReferenceFinder() {}

    static SqlReferences find(JsonNode statementTree) {
        ReferenceFinder finder = new ReferenceFinder();
        finder.walk(statementTree);
        for (String ref : finder.bareReferences) {
            for (String table : finder.names.getOrDefault(ref, Set.of())) {
                finder.readWhole(table, Set.of());
            }
        }
        boolean describeOnly = !finder.sawNonDescribe && !finder.tables.isEmpty();
        return new SqlReferences(finder.tables, finder.columns, finder.whole, finder.functions, describeOnly);
    }

    private void walk(JsonNode node) {
        if (node.isArray()) {
            node.forEach(this::walk);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText("");
        String clazz = node.path("class").asText("");
        if (type.equals("SHOW_REF") && node.path("show_type").asText("").equals("DESCRIBE")) {
            // DESCRIBE reads names and types only: the tables count, their columns are not read.
            collectTables(node.path("query").path("from_table"), new ArrayList<>());
            return;
        }
        if (type.equals("SELECT_NODE")) {
            selectNode(node);
        } else if (type.equals("BASE_TABLE")) {
            sawNonDescribe = true;
            String table = lower(node.path("table_name").asText(""));
            if (!table.isEmpty()) {
                tables.add(table);
                names.computeIfAbsent(table, k -> new HashSet<>()).add(table);
                String alias = lower(node.path("alias").asText(""));
                if (!alias.isEmpty()) {
                    names.computeIfAbsent(alias, k -> new HashSet<>()).add(table);
                }
                if (node.path("column_name_alias").size() > 0) {
                    readWhole(table, Set.of()); // t(a, b) renames columns by position
                }
            }
        } else if (type.equals("TABLE_FUNCTION")) {
            sawNonDescribe = true;
            String name = lower(node.path("function").path("function_name").asText(""));
            if (!name.isEmpty()) {
                functions.add(name);
            }
        } else if (type.equals("PIVOT") || (type.equals("SHOW_REF"))) {
            // PIVOT groups by every column it does not name; SUMMARIZE shows every column's values.
            sawNonDescribe = true;
            List<String> under = new ArrayList<>();
            collectTables(node.has("source") ? node.path("source") : node.path("query"), under);
            under.forEach(t -> readWhole(t, Set.of()));
        } else if (type.equals("JOIN")) {
            node.path("using_columns").forEach(c -> columns.add(lower(c.asText(""))));
        }
        if (clazz.equals("COLUMN_REF")) {
            JsonNode parts = node.path("column_names");
            parts.forEach(p -> columns.add(lower(p.asText(""))));
            if (parts.size() > 0) {
                // p, or main.people: a table (or alias) used as a row value; people.id is a column.
                bareReferences.add(lower(parts.get(parts.size() - 1).asText("")));
            }
        } else if (clazz.equals("STAR")) {
            node.path("exclude_list").forEach(c -> columns.add(lower(c.asText(""))));
        }
        node.forEach(this::walk);
    }

    /** Stars, positional references and natural joins of this SELECT read all of its FROM tables. */
    private void selectNode(JsonNode select) {
        List<String> from = new ArrayList<>();
        boolean natural = collectTables(select.path("from_table"), from);
        Set<String> excluded = new HashSet<>();
        boolean[] all = {natural};
        boolean[] starWithoutExclusions = {natural};
        boolean[] anyStar = {false};
        scanExpressions(select, true, n -> {
            String clazz = n.path("class").asText("");
            if (clazz.equals("POSITIONAL_REFERENCE")) {
                all[0] = true;
                starWithoutExclusions[0] = true;
            } else if (clazz.equals("STAR")) {
                all[0] = true;
                boolean plain = !n.path("columns").asBoolean(false)
                        && n.path("qualified_exclude_list").isEmpty()
                        && n.path("exclude_list").size() > 0;
                if (plain) {
                    Set<String> these = new HashSet<>();
                    n.path("exclude_list").forEach(c -> these.add(lower(c.asText(""))));
                    if (!anyStar[0]) {
                        excluded.addAll(these);
                    } else {
                        excluded.retainAll(these);
                    }
                } else {
                    starWithoutExclusions[0] = true;
                }
                anyStar[0] = true;
            }
        });
        if (all[0]) {
            Set<String> ex = starWithoutExclusions[0] ? Set.of() : excluded;
            from.forEach(t -> readWhole(t, ex));
        }
    }

    /**
     * The base tables directly in a FROM clause (through joins, not into subqueries); true if a join
     * there is NATURAL.
     */
    private boolean collectTables(JsonNode ref, List<String> into) {
        String type = ref.path("type").asText("");
        if (type.equals("BASE_TABLE")) {
            String table = lower(ref.path("table_name").asText(""));
            if (!table.isEmpty()) {
                into.add(table);
                tables.add(table);
            }
            return false;
        }
        if (type.equals("JOIN")) {
            boolean natural = ref.path("ref_type").asText("").equals("NATURAL");
            natural |= collectTables(ref.path("left"), into);
            natural |= collectTables(ref.path("right"), into);
            return natural;
        }
        if (type.equals("PIVOT")) {
            return collectTables(ref.path("source"), into);
        }
        if (type.equals("SELECT_NODE")) {
            return collectTables(ref.path("from_table"), into);
        }
        return false;
    }

    /** Visits the expressions of one SELECT, not descending into nested query nodes. */
    private static void scanExpressions(JsonNode node, boolean root, java.util.function.Consumer<JsonNode> visit) {
        if (node.isArray()) {
            node.forEach(n -> scanExpressions(n, false, visit));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String type = node.path("type").asText("");
        if (!root && (type.endsWith("_NODE") || type.equals("SUBQUERY") || type.equals("SHOW_REF"))) {
            return;
        }
        visit.accept(node);
        node.forEach(n -> scanExpressions(n, false, visit));
    }

    private void readWhole(String table, Set<String> excluded) {
        whole.merge(table, Set.copyOf(excluded), (a, b) -> {
            Set<String> both = new HashSet<>(a);
            both.retainAll(b);
            return Set.copyOf(both);
        });
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

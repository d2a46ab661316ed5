package io.lakehub.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehub.app.api.document.SqlResponse;
import io.lakehub.catalog.Catalog;
import io.lakehub.catalog.DatasetName;
import io.lakehub.catalog.audit.AuditEntry;
import io.lakehub.catalog.query.QueryFailedException;
import io.lakehub.catalog.query.SqlEngine;
import io.lakehub.catalog.query.SqlReferences;
import io.lakehub.catalog.query.SqlRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The column clearance check in front of every query, and the query audit (ADR 0030). A role not
 * cleared for a PII type cannot read a column of that type in a raw dataset, by name or by
 * {@code *}; user views are how such data is shared. Roles not cleared for everything also cannot
 * call table functions that read files, or read files by path. Every query, answered or refused,
 * is recorded in the audit journal with the role, the datasets and the PII columns it touched:
 * never the SQL text (its literals may be PII) and never a value.
 */
public final class QueryAccess {

    /** Table functions every role may call: they read no files and no dataset. */
    private static final Set<String> HARMLESS_TABLE_FUNCTIONS = Set.of(
            "range",
            "generate_series",
            "unnest",
            "duckdb_tables",
            "duckdb_views",
            "duckdb_columns",
            "duckdb_schemas",
            "duckdb_types",
            "duckdb_functions");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<SqlEngine> engine;
    private final Catalog catalog;
    private final ColumnSensitivity sensitivity;
    private final ApiKeys keys;

    /**
     * What a checked query reads.
     *
     * @param datasets the raw datasets it names, sorted; empty when the engine cannot tell
     * @param piiColumns per dataset, the PII columns it reads
     */
    public record Checked(List<String> datasets, Map<String, List<String>> piiColumns) {}

    public QueryAccess(Supplier<SqlEngine> engine, Catalog catalog, ColumnSensitivity sensitivity, ApiKeys keys) {
        this.engine = engine;
        this.catalog = catalog;
        this.sensitivity = sensitivity;
        this.keys = keys;
    }

    /**
     * Checks {@code sql} for {@code caller} without running it.
     *
     * @throws AccessDeniedException naming the column and dataset the role may not read
     * @throws SqlRefusedException when the SQL guard refuses the statement
     */
    public Checked check(Caller caller, String sql) {
        if (keys.enabled() && caller.keyName() == null) {
            throw new AccessDeniedException("This hub requires an API key for SQL.");
        }
        Role role = caller.role();
        Optional<SqlReferences> found = engine.get().references(sql);
        if (found.isEmpty()) {
            if (role.all()) {
                return new Checked(List.of(), Map.of());
            }
            throw new AccessDeniedException("The SQL engine cannot tell which columns this query reads, so role '"
                    + role.name() + "' (not cleared for every PII type) may not run it.");
        }
        SqlReferences refs = found.get();
        Set<String> known = catalog.currentSnapshotIds().keySet();
        List<String> datasets = new ArrayList<>(new TreeSet<>(refs.tables()));
        datasets.retainAll(known);
        Map<String, List<String>> touched = new TreeMap<>();
        List<String> denied = new ArrayList<>();
        Set<String> deniedTypes = new TreeSet<>();
        for (String dataset : datasets) {
            Map<String, String> pii = new TreeMap<>(sensitivity.piiColumns(DatasetName.of(dataset)));
            for (Map.Entry<String, String> column : pii.entrySet()) {
                if (!refs.reads(dataset, column.getKey())) {
                    continue;
                }
                touched.computeIfAbsent(dataset, d -> new ArrayList<>()).add(column.getKey());
                if (!role.cleared(column.getValue())) {
                    denied.add("column " + column.getKey() + " (" + column.getValue() + ") of dataset " + dataset);
                    deniedTypes.add(column.getValue());
                }
            }
        }
        if (!denied.isEmpty()) {
            throw new AccessDeniedException(
                    "Role '" + role.name() + "' is not cleared for "
                            + String.join(", ", deniedTypes) + " and this query reads " + String.join("; ", denied)
                            + (refs.wholeTables().isEmpty() ? "" : " (a * or a whole-row reference reads every column)")
                            + ". Select other columns, or read it through a view that redacts it (POST /api/views).",
                    new Checked(datasets, touched));
        }
        if (!role.all()) {
            for (String function : new TreeSet<>(refs.tableFunctions())) {
                if (!HARMLESS_TABLE_FUNCTIONS.contains(function)) {
                    throw new AccessDeniedException("Role '" + role.name() + "' may not call the table function "
                            + function + "(): it can read the lake's files around the column clearances. Query"
                            + " datasets and views by name.");
                }
            }
            for (String table : new TreeSet<>(refs.tables())) {
                if (table.contains("/") || table.contains(".") || table.contains("\\")) {
                    throw new AccessDeniedException("Role '" + role.name() + "' may not read the file " + table
                            + " directly; query datasets and views by name.");
                }
            }
        }
        return new Checked(datasets, touched);
    }

    /**
     * Checks the query, runs it, and records it in the audit journal; a refused or denied query is
     * recorded too, then its error is thrown.
     */
    public SqlResponse run(Caller caller, String sql, Supplier<SqlResponse> query) {
        Checked checked;
        try {
            checked = check(caller, sql);
        } catch (AccessDeniedException e) {
            audit(caller, e.attempted() == null ? new Checked(List.of(), Map.of()) : e.attempted(), "denied", null);
            throw e;
        } catch (SqlRefusedException | QueryFailedException e) {
            audit(caller, new Checked(List.of(), Map.of()), "refused", null);
            throw e;
        }
        SqlResponse response;
        try {
            response = query.get();
        } catch (RuntimeException e) {
            audit(caller, checked, "failed", null);
            throw e;
        }
        audit(caller, checked, "ok", response.rowCount());
        return response;
    }

    private void audit(Caller caller, Checked checked, String outcome, Long rows) {
        ObjectNode details = JSON.createObjectNode();
        details.put("role", caller.role().name());
        if (caller.keyName() != null) {
            details.put("key", caller.keyName());
        }
        details.put("outcome", outcome);
        details.set("datasets", JSON.valueToTree(checked.datasets()));
        details.set("pii_columns", JSON.valueToTree(checked.piiColumns()));
        if (rows != null) {
            details.put("rows", rows);
        }
        catalog.audit()
                .append(new AuditEntry(
                        "http", "sql.query", "role:" + caller.role().name(), details.toString()));
    }
}
